package dev.myelin.tensor;

/** STUB: owned by the convolution helper. */
final class AvgPool2dOp {
    static Tensor forward(Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) { throw new UnsupportedOperationException("avgPool2d: not yet implemented"); }
}
