package dev.myelin.tensor;

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
        Window2d window = new Window2d(input.dim(2), input.dim(3), kernelH, kernelW, strideH, strideW, padH, padW, 1, 1);
        if (window.outHeight() < 1 || window.outWidth() < 1) {
            throw new IllegalArgumentException(op + ": input of shape " + input + " padded by (" + padH + ", " + padW
                    + ") is smaller than the kernel (" + kernelH + ", " + kernelW + "): the output would be "
                    + window.outHeight() + "x" + window.outWidth());
        }
        return window;
    }

    /** {@code (N, C, outHeight, outWidth)}. */
    static Shape outputShape(Tensor input, Window2d window) {
        return Shape.of(input.dim(0), input.dim(1), window.outHeight(), window.outWidth());
    }
}
