package dev.myelin.tensor;

/** STUB: owned by the element-wise helper; replaced with neg, exp, log, sqrt, pow ops. */
final class Pointwise {
    private Pointwise() {
    }

    static Tensor neg(Tensor x) { throw new UnsupportedOperationException("neg: not yet implemented"); }
    static Tensor exp(Tensor x) { throw new UnsupportedOperationException("exp: not yet implemented"); }
    static Tensor log(Tensor x) { throw new UnsupportedOperationException("log: not yet implemented"); }
    static Tensor sqrt(Tensor x) { throw new UnsupportedOperationException("sqrt: not yet implemented"); }
    static Tensor pow(Tensor x, float exponent) { throw new UnsupportedOperationException("pow: not yet implemented"); }
}
