package dev.myelin.tensor;

/** STUB: owned by the convolution helper. */
final class MaxPool2dOp {
    static Tensor forward(Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) { throw new UnsupportedOperationException("maxPool2d: not yet implemented"); }
}
