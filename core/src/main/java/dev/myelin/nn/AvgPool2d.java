package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;

/**
 * 2-D average pooling, as {@code torch.nn.AvgPool2d} (floor mode, {@code count_include_pad=True}): each
 * output is the mean of a {@code kH × kW} window, padded zeros included.
 *
 * <p>Input {@code (N, C, H, W)}, output {@code (N, C, H_out, W_out)} with
 * {@code H_out = floor((H + 2·padH - kH) / strideH) + 1} (likewise W). The stride defaults to the kernel
 * size and the padding to 0, as in PyTorch.
 */
public final class AvgPool2d extends Module {
    private final PoolWindow2d window;

    /** Separate vertical and horizontal kernel size, stride and padding. */
    public AvgPool2d(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        this.window = PoolWindow2d.of("AvgPool2d", kernelH, kernelW, strideH, strideW, padH, padW);
    }

    /** A square window with the same stride and padding in both directions. */
    public AvgPool2d(int kernel, int stride, int padding) {
        this(kernel, kernel, stride, stride, padding, padding);
    }

    /** A square window, stride equal to the kernel size, no padding. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** {@code (N, C, H, W) -> (N, C, H_out, W_out)}. */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.avgPool2d(input, window.kernelH(), window.kernelW(), window.strideH(), window.strideW(),
                window.padH(), window.padW());
    }

    /** The window: kernel size, stride and padding. */
    public PoolWindow2d window() {
        return window;
    }

    @Override
    protected String extraRepr() {
        return window.repr();
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
