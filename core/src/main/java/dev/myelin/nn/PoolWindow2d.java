package dev.myelin.nn;

/**
 * The window of a 2-D pooling layer, shared by {@link MaxPool2d} and {@link AvgPool2d}: kernel size,
 * stride and padding in each direction, and whether the output size rounds up (PyTorch's
 * {@code ceil_mode}).
 *
 * <p>Output size along an axis of {@code n} input elements ({@link #outHeight}, {@link #outWidth}), as
 * PyTorch computes it: {@code floor((n + 2·pad - kernel) / stride) + 1}; with {@code ceilMode},
 * {@code ceil((n + 2·pad - kernel) / stride) + 1}, less one if the last window would start at or past
 * {@code n + pad} in padded coordinates, so that every window starts inside the input or the left padding.
 *
 * @param kernelH  window height, at least 1
 * @param kernelW  window width, at least 1
 * @param strideH  vertical step between windows, at least 1
 * @param strideW  horizontal step between windows, at least 1
 * @param padH     rows added above and below, between 0 and {@code kernelH / 2}
 * @param padW     columns added left and right, between 0 and {@code kernelW / 2}
 * @param ceilMode whether the output size rounds up rather than down (PyTorch's default: false); only
 *                 {@link AvgPool2d} supports true
 */
public record PoolWindow2d(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, boolean ceilMode) {
    /**
     * Checks the window as PyTorch's pooling does: kernel size and stride positive, padding between 0 and
     * half the kernel size (so every window holds at least one input element).
     *
     * @throws IllegalArgumentException naming the value that breaks the rule
     */
    public PoolWindow2d {
        check("PoolWindow2d", kernelH, kernelW, strideH, strideW, padH, padW);
    }

    /**
     * A window in floor mode (PyTorch's default {@code ceil_mode=False}).
     *
     * @param kernelH window height, at least 1
     * @param kernelW window width, at least 1
     * @param strideH vertical step between windows, at least 1
     * @param strideW horizontal step between windows, at least 1
     * @param padH    rows added above and below, between 0 and {@code kernelH / 2}
     * @param padW    columns added left and right, between 0 and {@code kernelW / 2}
     * @throws IllegalArgumentException naming the value that breaks the rule
     */
    public PoolWindow2d(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        this(kernelH, kernelW, strideH, strideW, padH, padW, false);
    }

    /** The window of the layer {@code layer}, checked with that name in the message, at construction. */
    static PoolWindow2d of(String layer, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
            boolean ceilMode) {
        check(layer, kernelH, kernelW, strideH, strideW, padH, padW);
        return new PoolWindow2d(kernelH, kernelW, strideH, strideW, padH, padW, ceilMode);
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

    /**
     * The number of output rows for an input of {@code height} rows (see the class comment).
     *
     * @param height input rows, {@code H} of {@code (N, C, H, W)}
     * @return {@code H_out}; 0 or less when the kernel does not fit the padded input, which the layer refuses
     */
    public int outHeight(int height) {
        return outSize(height, kernelH, strideH, padH);
    }

    /**
     * The number of output columns for an input of {@code width} columns (see the class comment).
     *
     * @param width input columns, {@code W} of {@code (N, C, H, W)}
     * @return {@code W_out}; 0 or less when the kernel does not fit the padded input, which the layer refuses
     */
    public int outWidth(int width) {
        return outSize(width, kernelW, strideW, padW);
    }

    private int outSize(int size, int kernel, int stride, int pad) {
        int span = size + 2 * pad - kernel;
        if (!ceilMode) {
            return Math.floorDiv(span, stride) + 1;
        }
        int out = Math.floorDiv(span + stride - 1, stride) + 1;
        return (out - 1) * stride >= size + pad ? out - 1 : out;
    }

    /** PyTorch's {@code extra_repr} fields for the window, {@code ceil_mode} left to each layer. */
    String repr() {
        return "kernel_size=" + Repr.size(kernelH, kernelW) + ", stride=" + Repr.size(strideH, strideW)
                + ", padding=" + Repr.size(padH, padW);
    }
}
