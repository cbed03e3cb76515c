package dev.myelin.tensor;

/** STUB: owned by the element-wise helper. */
final class MaxOp {
    static MaxResult forward(Tensor x, int dim, boolean keepdim) { throw new UnsupportedOperationException("max: not yet implemented"); }
}
