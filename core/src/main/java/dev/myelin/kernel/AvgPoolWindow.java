package dev.myelin.kernel;

import java.util.Objects;

/**
 * An average pool as PyTorch's {@code nn.AvgPool2d} defines it: the window's geometry, whether the output
 * size rounds up ({@code ceil_mode}), which positions the divisor counts ({@code count_include_pad}) and
 * an optional fixed divisor ({@code divisor_override}).
 *
 * <p>Output size along an axis of {@code size} elements ({@link #outSize}): floor mode gives
 * {@link Window2d}'s {@code floor((size + 2*pad - dilation*(kernel-1) - 1) / stride) + 1}; ceil mode
 * rounds the division up, then drops the last window if it would start at or past {@code size + pad}
 * in padded coordinates (it must start inside the input or the left padding). So with ceil mode the
 * output can be one larger than {@link Window2d#outHeight()}, whose size this type replaces.
 *
 * <p>Divisor of the window at {@code (oh, ow)}, unless overridden: with {@code countIncludePad} the taps
 * inside the padded input, {@code [-pad, size + pad)} per axis, which is {@code kernelH*kernelW} except for
 * the windows that ceil mode lets run past the right padding; without it, the taps inside the input,
 * {@code [0, size)}. Both are a product of one count per row and one per column
 * ({@link #rowCounts()}, {@link #columnCounts()}). PyTorch's average pool has no dilation; the counts
 * are defined for any dilation so that the kernels stay general. A window that counts no tap (possible
 * only with dilation and without {@code countIncludePad}) outputs 0 and passes no gradient.
 *
 * @param window           the sliding window (kernel, stride, padding, dilation) over the input plane
 * @param ceilMode         whether the output size rounds up, PyTorch's {@code ceil_mode} (default false)
 * @param countIncludePad  whether padded positions count in the divisor, PyTorch's {@code count_include_pad}
 *                         (default true)
 * @param divisorOverride  the divisor of every window when positive; 0 for none, PyTorch's
 *                         {@code divisor_override=None} (default)
 */
public record AvgPoolWindow(Window2d window, boolean ceilMode, boolean countIncludePad, int divisorOverride) {
    /** Rejects a null window or a negative divisor override. */
    public AvgPoolWindow {
        Objects.requireNonNull(window, "window");
        if (divisorOverride < 0) {
            throw new IllegalArgumentException("divisor override must be positive, or 0 for none, got " + divisorOverride);
        }
    }

    /** PyTorch's defaults on {@code window}: floor mode, padding counted, no override. */
    public static AvgPoolWindow of(Window2d window) {
        return new AvgPoolWindow(window, false, true, 0);
    }

    /** Number of output rows (see the class comment). */
    public int outHeight() {
        return outSize(window.height(), window.kernelH(), window.strideH(), window.padH(), window.dilationH(), ceilMode);
    }

    /** Number of output columns. */
    public int outWidth() {
        return outSize(window.width(), window.kernelW(), window.strideW(), window.padW(), window.dilationW(), ceilMode);
    }

    /** Elements of one output plane. */
    public int outPlaneSize() {
        return outHeight() * outWidth();
    }

    /**
     * Whether every window divides by {@code kernelH*kernelW}: floor mode, padding counted, no override.
     * In floor mode no window runs past the padded input, so that divisor is exact.
     */
    public boolean dividesByKernelSize() {
        return !ceilMode && countIncludePad && divisorOverride == 0;
    }

    /**
     * PyTorch's pooling output size along one axis ({@code pooling_output_shape}); {@code <= 0} when the
     * window does not fit, which the ops reject before calling a kernel.
     */
    public static int outSize(int size, int kernel, int stride, int pad, int dilation, boolean ceilMode) {
        int span = size + 2 * pad - dilation * (kernel - 1) - 1;
        if (!ceilMode) {
            return Math.floorDiv(span, stride) + 1;
        }
        int out = Math.floorDiv(span + stride - 1, stride) + 1;
        if ((out - 1) * stride >= size + pad) {
            out--; // the last window would start in the right padding
        }
        return out;
    }

    /** Per output row, the taps of its window's column that the divisor counts. */
    int[] rowCounts() {
        return counts(outHeight(), window.height(), window.kernelH(), window.strideH(), window.padH(), window.dilationH());
    }

    /** Per output column, the taps of its window's row that the divisor counts. */
    int[] columnCounts() {
        return counts(outWidth(), window.width(), window.kernelW(), window.strideW(), window.padW(), window.dilationW());
    }

    private int[] counts(int out, int size, int kernel, int stride, int pad, int dilation) {
        int low = countIncludePad ? -pad : 0;
        int high = countIncludePad ? size + pad : size;
        int[] counts = new int[out];
        for (int o = 0; o < out; o++) {
            for (int k = 0, at = o * stride - pad; k < kernel; k++, at += dilation) {
                if (at >= low && at < high) {
                    counts[o]++;
                }
            }
        }
        return counts;
    }
}
