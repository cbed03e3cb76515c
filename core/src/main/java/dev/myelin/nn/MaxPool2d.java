package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;

/**
 * 2-D max pooling, as {@code torch.nn.MaxPool2d} (dilation 1, floor mode): each output is the maximum
 * of a {@code kH × kW} window; padding counts as minus infinity.
 *
 * <p>Input {@code (N, C, H, W)}, output {@code (N, C, H_out, W_out)} with
 * {@code H_out = floor((H + 2·padH - kH) / strideH) + 1} (likewise W). The gradient flows to the position
 * of each window's maximum (the first in row-major order on a tie, as in PyTorch).
 *
 * <p>PyTorch's defaults: stride equal to the kernel size, padding 0. Named options:
 * <pre>{@code new MaxPool2d(3, MaxPool2d.options().stride(2).padding(1))}</pre>
 * {@code ceil_mode} and {@code dilation} other than PyTorch's defaults (false, 1) are not supported.
 */
public final class MaxPool2d extends Module {
    private final PoolWindow2d window;

    /**
     * Separate vertical and horizontal kernel size, stride and padding.
     *
     * @param kernelH window height, at least 1
     * @param kernelW window width, at least 1
     * @param strideH vertical step between windows, at least 1
     * @param strideW horizontal step between windows, at least 1
     * @param padH    rows of minus infinity added above and below, between 0 and {@code kernelH / 2}
     * @param padW    columns of minus infinity added left and right, between 0 and {@code kernelW / 2}
     * @throws IllegalArgumentException naming the value out of range
     */
    public MaxPool2d(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        this.window = PoolWindow2d.of("MaxPool2d", kernelH, kernelW, strideH, strideW, padH, padW, false);
    }

    /**
     * A square window with the same stride and padding in both directions.
     *
     * @param kernel  window height and width, at least 1
     * @param stride  step between windows, at least 1
     * @param padding rows and columns of minus infinity added on every side, between 0 and {@code kernel / 2}
     * @throws IllegalArgumentException naming the value out of range
     */
    public MaxPool2d(int kernel, int stride, int padding) {
        this(kernel, kernel, stride, stride, padding, padding);
    }

    /**
     * {@code nn.MaxPool2d(kernel)}: a square window, stride equal to the kernel size, no padding.
     *
     * @param kernel window height, width and stride, at least 1
     * @throws IllegalArgumentException if {@code kernel < 1}
     */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /**
     * A square window with named options, {@code nn.MaxPool2d(3, stride=2, padding=1)}:
     * <pre>{@code new MaxPool2d(3, MaxPool2d.options().stride(2).padding(1))}</pre>
     *
     * @param kernel  window height and width, at least 1
     * @param options stride and padding; {@link #options()} gives PyTorch's defaults
     * @throws IllegalArgumentException naming the value out of range
     */
    public MaxPool2d(int kernel, Options options) {
        this(kernel, options.stride() == 0 ? kernel : options.stride(), options.padding());
    }

    /**
     * PyTorch's defaults: stride equal to the kernel size, padding 0.
     *
     * @return options to change with the named setters and pass to {@link #MaxPool2d(int, Options)}
     */
    public static Options options() {
        return new Options(0, 0);
    }

    /**
     * The options of a max pool with a square window, each with PyTorch's default until set. Every
     * setter returns a new value, so that one {@code Options} can be shared.
     *
     * @param stride  the step between windows; 0 (the default) stands for PyTorch's {@code stride=None},
     *                the kernel size
     * @param padding rows and columns of minus infinity added on every side (default 0), at most half the kernel
     */
    public record Options(int stride, int padding) {
        /**
         * The step between windows.
         *
         * @param value the step, at least 1
         * @return these options with that stride
         * @throws IllegalArgumentException if {@code value < 1}
         */
        public Options stride(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("MaxPool2d: stride must be positive, got " + value);
            }
            return new Options(value, padding);
        }

        /**
         * Minus infinity added on every side.
         *
         * @param value rows and columns of padding, between 0 and half the kernel size
         * @return these options with that padding
         * @throws IllegalArgumentException if {@code value < 0}
         */
        public Options padding(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("MaxPool2d: padding must be non-negative, got " + value);
            }
            return new Options(stride, value);
        }
    }

    /** {@code (N, C, H, W) -> (N, C, H_out, W_out)}, sizes as in the class comment. */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.maxPool2d(input, window.kernelH(), window.kernelW(), window.strideH(), window.strideW(),
                window.padH(), window.padW());
    }

    /**
     * The window: kernel size, stride and padding.
     *
     * @return the window, always in floor mode; its {@link PoolWindow2d#outHeight} and
     *         {@link PoolWindow2d#outWidth} give the output size
     */
    public PoolWindow2d window() {
        return window;
    }

    /** PyTorch's form: {@code kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False}. */
    @Override
    protected String extraRepr() {
        return window.repr() + ", dilation=1, ceil_mode=False";
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
