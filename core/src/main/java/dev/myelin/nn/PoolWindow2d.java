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
    /**
     * Checks the window as PyTorch's pooling does: kernel size and stride positive, padding between 0 and
     * half the kernel size (so every window holds at least one input element).
     *
     * @throws IllegalArgumentException naming the value that breaks the rule
     */
    public PoolWindow2d {
        check("PoolWindow2d", kernelH, kernelW, strideH, strideW, padH, padW);
    }

    /** The window of the layer {@code layer}, checked with that name in the message, at construction. */
    static PoolWindow2d of(String layer, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        check(layer, kernelH, kernelW, strideH, strideW, padH, padW);
        return new PoolWindow2d(kernelH, kernelW, strideH, strideW, padH, padW);
    }

    private static void check(String layer, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        if (kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException(layer + ": kernel_size must be positive, got " + Repr.pair(kernelH, kernelW));
        }
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException(layer + ": stride must be positive, got " + Repr.pair(strideH, strideW));
        }
        if (padH < 0 || padW < 0 || padH > kernelH / 2 || padW > kernelW / 2) {
            throw new IllegalArgumentException(layer + ": padding must be between 0 and half the kernel size, got padding="
                    + Repr.pair(padH, padW) + " for kernel_size=" + Repr.pair(kernelH, kernelW));
        }
    }

    /** PyTorch's {@code extra_repr} fields for the window. */
    String repr() {
        return "kernel_size=" + Repr.size(kernelH, kernelW) + ", stride=" + Repr.size(strideH, strideW)
                + ", padding=" + Repr.size(padH, padW);
    }
}
