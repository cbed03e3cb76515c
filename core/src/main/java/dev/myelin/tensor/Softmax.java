package dev.myelin.tensor;

/** STUB: owned by the element-wise helper. */
final class Softmax {
    private Softmax() {
    }

    static Tensor softmax(Tensor x, int dim) { throw new UnsupportedOperationException("softmax: not yet implemented"); }
    static Tensor logSoftmax(Tensor x, int dim) { throw new UnsupportedOperationException("logSoftmax: not yet implemented"); }
}
