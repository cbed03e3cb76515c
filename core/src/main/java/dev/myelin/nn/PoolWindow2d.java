package dev.myelin.nn;

/**
 * The window of a 2-D pooling layer: kernel size, stride and padding in each direction, shared by
 * {@link MaxPool2d} and {@link AvgPool2d}.
 *
 * @param kernelH window height
 * @param kernelW window width
 * @param strideH vertical stride
 * @param strideW horizontal stride
 * @param padH    padding added above and below
 * @param padW    padding added left and right
 */
public record PoolWindow2d(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
    /** PyTorch's {@code extra_repr} fields for the window. */
    String repr() {
        return "kernel_size=" + Repr.size(kernelH, kernelW) + ", stride=" + Repr.size(strideH, strideW)
                + ", padding=" + Repr.size(padH, padW);
    }
}
