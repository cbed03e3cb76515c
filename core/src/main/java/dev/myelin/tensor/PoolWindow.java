package dev.myelin.tensor;

import dev.myelin.kernel.AvgPoolWindow;
import dev.myelin.kernel.Window2d;

/** Argument checks shared by the pooling ops, with PyTorch's rules and errors naming the op, shape and parameters. */
final class PoolWindow {
    private PoolWindow() {
    }

    /**
     * The window of a pooling op over {@code input (N, C, H, W)}, after checking that the kernel and
     * stride are positive, that the padding is non-negative and at most half the kernel (so every
     * window holds at least one input element), and that the output is not empty.
     */
    static Window2d of(String op, Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        return of(op, input.shape(), kernelH, kernelW, strideH, strideW, padH, padW);
    }

    /** As {@link #of(String, Tensor, int, int, int, int, int, int)}, for an input of this shape. */
    static Window2d of(String op, Shape input, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        Window2d window = checked(op, input, kernelH, kernelW, strideH, strideW, padH, padW);
        requireOutput(op, input, window, window.outHeight(), window.outWidth());
        return window;
    }

    /**
     * The average pool over {@code input (N, C, H, W)}, with the checks of {@link #of} (the output size
     * being ceil mode's when {@code ceilMode}) and a divisor override that is positive or 0 for none.
     */
    static AvgPoolWindow avg(String op, Tensor input, int kernelH, int kernelW, int strideH, int strideW, int padH,
            int padW, boolean ceilMode, boolean countIncludePad, int divisorOverride) {
        Window2d window = checked(op, input.shape(), kernelH, kernelW, strideH, strideW, padH, padW);
        if (divisorOverride < 0) {
            throw new IllegalArgumentException(op + ": divisor override must be positive, or 0 for none, got "
                    + divisorOverride);
        }
        AvgPoolWindow pool = new AvgPoolWindow(window, ceilMode, countIncludePad, divisorOverride);
        requireOutput(op, input.shape(), window, pool.outHeight(), pool.outWidth());
        return pool;
    }

    private static Window2d checked(String op, Shape input, int kernelH, int kernelW, int strideH, int strideW,
            int padH, int padW) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException(op + ": input must be 4-D (N, C, H, W), got shape " + input);
        }
        if (kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException(op + ": kernel size must be positive, got (" + kernelH + ", " + kernelW + ")");
        }
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException(op + ": stride must be positive, got (" + strideH + ", " + strideW + ")");
        }
        if (padH < 0 || padW < 0 || padH > kernelH / 2 || padW > kernelW / 2) {
            throw new IllegalArgumentException(op + ": padding must be between 0 and half the kernel size, got padding ("
                    + padH + ", " + padW + ") for kernel (" + kernelH + ", " + kernelW + ")");
        }
        return new Window2d(input.dim(2), input.dim(3), kernelH, kernelW, strideH, strideW, padH, padW, 1, 1);
    }

    private static void requireOutput(String op, Shape input, Window2d window, int outHeight, int outWidth) {
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException(op + ": input of shape " + input + " padded by (" + window.padH() + ", "
                    + window.padW() + ") is smaller than the kernel (" + window.kernelH() + ", " + window.kernelW()
                    + "): the output would be " + outHeight + "x" + outWidth);
        }
    }

    /** {@code (N, C, outHeight, outWidth)}. */
    static Shape outputShape(Tensor input, Window2d window) {
        return Shape.of(input.dim(0), input.dim(1), window.outHeight(), window.outWidth());
    }

    /** {@code (N, C, outHeight, outWidth)}, the average pool's output size (ceil mode's when set). */
    static Shape outputShape(Tensor input, AvgPoolWindow pool) {
        return Shape.of(input.dim(0), input.dim(1), pool.outHeight(), pool.outWidth());
    }
}
