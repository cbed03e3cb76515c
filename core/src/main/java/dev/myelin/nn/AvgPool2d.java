package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;

/**
 * 2-D average pooling, as {@code torch.nn.AvgPool2d}: each output is the sum of a {@code kH × kW}
 * window of the zero-padded input divided by the window's divisor.
 *
 * <p>Input {@code (N, C, H, W)}, output {@code (N, C, H_out, W_out)} with
 * {@code H_out = floor((H + 2·padH - kH) / strideH) + 1} (likewise W), or with {@code ceil_mode} the
 * rounded-up size of {@link PoolWindow2d}. The divisor is, as in PyTorch: with {@code count_include_pad}
 * (the default) the positions the window covers in the padded input, {@code kH·kW} except for windows
 * that ceil mode lets run past the right or bottom padding; without it, the input elements the window
 * covers; with {@code divisor_override}, that number. The backward pass spreads each output's gradient,
 * divided the same way, over its window's input elements.
 *
 * <p>PyTorch's defaults: stride equal to the kernel size, padding 0, {@code ceil_mode=False},
 * {@code count_include_pad=True}, no divisor override. Named options:
 * <pre>{@code new AvgPool2d(3, AvgPool2d.options().stride(2).padding(1).ceilMode(true).countIncludePad(false))}</pre>
 */
public final class AvgPool2d extends Module {
    private final PoolWindow2d window;
    private final boolean countIncludePad;
    private final int divisorOverride;

    /**
     * Separate vertical and horizontal kernel size, stride and padding, with PyTorch's defaults for the
     * rest (floor mode, padded zeros counted, no divisor override).
     *
     * @param kernelH window height, at least 1
     * @param kernelW window width, at least 1
     * @param strideH vertical step between windows, at least 1
     * @param strideW horizontal step between windows, at least 1
     * @param padH    rows of zeros added above and below, between 0 and {@code kernelH / 2}
     * @param padW    columns of zeros added left and right, between 0 and {@code kernelW / 2}
     * @throws IllegalArgumentException naming the value out of range
     */
    public AvgPool2d(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        this(PoolWindow2d.of("AvgPool2d", kernelH, kernelW, strideH, strideW, padH, padW, false), true, 0);
    }

    /**
     * A square window with the same stride and padding in both directions, PyTorch's defaults for the rest.
     *
     * @param kernel  window height and width, at least 1
     * @param stride  step between windows, at least 1
     * @param padding rows and columns of zeros added on every side, between 0 and {@code kernel / 2}
     * @throws IllegalArgumentException naming the value out of range
     */
    public AvgPool2d(int kernel, int stride, int padding) {
        this(kernel, kernel, stride, stride, padding, padding);
    }

    /**
     * {@code nn.AvgPool2d(kernel)}: a square window, stride equal to the kernel size, no padding.
     *
     * @param kernel window height, width and stride, at least 1
     * @throws IllegalArgumentException if {@code kernel < 1}
     */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /**
     * A square window with named options, {@code nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True)}:
     * <pre>{@code new AvgPool2d(3, AvgPool2d.options().stride(2).padding(1).ceilMode(true))}</pre>
     *
     * @param kernel  window height and width, at least 1
     * @param options stride, padding, {@code ceil_mode}, {@code count_include_pad}, {@code divisor_override};
     *                {@link #options()} gives PyTorch's defaults
     * @throws IllegalArgumentException naming the value out of range
     */
    public AvgPool2d(int kernel, Options options) {
        this(PoolWindow2d.of("AvgPool2d", kernel, kernel, options.strideOr(kernel), options.strideOr(kernel),
                options.padding(), options.padding(), options.ceilMode()), options.countIncludePad(),
                options.divisorOverride());
    }

    private AvgPool2d(PoolWindow2d window, boolean countIncludePad, int divisorOverride) {
        if (divisorOverride < 0) {
            throw new IllegalArgumentException("AvgPool2d: divisor_override must be positive, or 0 for none, got "
                    + divisorOverride);
        }
        this.window = window;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    /**
     * PyTorch's defaults: stride equal to the kernel size, padding 0, {@code ceil_mode=False},
     * {@code count_include_pad=True}, no divisor override.
     *
     * @return options to change with the named setters and pass to {@link #AvgPool2d(int, Options)}
     */
    public static Options options() {
        return new Options(0, 0, false, true, 0);
    }

    /**
     * The options of an average pool with a square window, each with PyTorch's default until set. Every
     * setter returns a new value, so that one {@code Options} can be shared; setters refuse values out of
     * range, the layer's constructor checks the padding against the kernel.
     *
     * @param stride          the step between windows; 0 (the default) stands for PyTorch's
     *                        {@code stride=None}, the kernel size
     * @param padding         rows and columns of zeros added on every side (default 0), at most half the kernel
     * @param ceilMode        round the output size up instead of down (default false)
     * @param countIncludePad count padded zeros in each window's divisor (default true)
     * @param divisorOverride the divisor of every window when positive; 0 (the default) stands for
     *                        PyTorch's {@code divisor_override=None}
     */
    public record Options(int stride, int padding, boolean ceilMode, boolean countIncludePad, int divisorOverride) {
        /**
         * The step between windows.
         *
         * @param value the step, at least 1
         * @return these options with that stride
         * @throws IllegalArgumentException if {@code value < 1}
         */
        public Options stride(int value) {
            return new Options(positive("stride", value), padding, ceilMode, countIncludePad, divisorOverride);
        }

        /**
         * Zeros added on every side.
         *
         * @param value rows and columns of padding, between 0 and half the kernel size
         * @return these options with that padding
         * @throws IllegalArgumentException if {@code value < 0}
         */
        public Options padding(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("AvgPool2d: padding must be non-negative, got " + value);
            }
            return new Options(stride, value, ceilMode, countIncludePad, divisorOverride);
        }

        /**
         * PyTorch's {@code ceil_mode}.
         *
         * @param value true to round the output size up (the last window starting inside the input or the
         *              left padding), false to round it down
         * @return these options with that mode
         */
        public Options ceilMode(boolean value) {
            return new Options(stride, padding, value, countIncludePad, divisorOverride);
        }

        /**
         * PyTorch's {@code count_include_pad}.
         *
         * @param value true to divide by the positions a window covers in the padded input, false to
         *              divide by the input elements it covers
         * @return these options with that divisor rule
         */
        public Options countIncludePad(boolean value) {
            return new Options(stride, padding, ceilMode, value, divisorOverride);
        }

        /**
         * PyTorch's {@code divisor_override}.
         *
         * @param value the divisor of every window, at least 1
         * @return these options with that divisor
         * @throws IllegalArgumentException if {@code value < 1}
         */
        public Options divisorOverride(int value) {
            return new Options(stride, padding, ceilMode, countIncludePad, positive("divisor_override", value));
        }

        private int strideOr(int kernel) {
            return stride == 0 ? kernel : stride;
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("AvgPool2d: " + name + " must be positive, got " + value);
            }
            return value;
        }
    }

    /** {@code (N, C, H, W) -> (N, C, H_out, W_out)}, sizes as in the class comment. */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.avgPool2d(input, window.kernelH(), window.kernelW(), window.strideH(), window.strideW(),
                window.padH(), window.padW(), window.ceilMode(), countIncludePad, divisorOverride);
    }

    /**
     * The window: kernel size, stride, padding and {@code ceil_mode}.
     *
     * @return the window, whose {@link PoolWindow2d#outHeight} and {@link PoolWindow2d#outWidth} give the output size
     */
    public PoolWindow2d window() {
        return window;
    }

    /**
     * PyTorch's {@code count_include_pad}.
     *
     * @return true if padded zeros count in each window's divisor (the default), false if only input elements do
     */
    public boolean countIncludePad() {
        return countIncludePad;
    }

    /**
     * PyTorch's {@code divisor_override}.
     *
     * @return the divisor of every window, or 0 when none is set (the default)
     */
    public int divisorOverride() {
        return divisorOverride;
    }

    /**
     * PyTorch's form, {@code kernel_size=3, stride=2, padding=1}, followed by the options that differ from
     * their defaults ({@code ceil_mode=True}, {@code count_include_pad=False}, {@code divisor_override=4}),
     * which PyTorch's {@code AvgPool2d} does not print.
     */
    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder(window.repr());
        if (window.ceilMode()) {
            s.append(", ceil_mode=True");
        }
        if (!countIncludePad) {
            s.append(", count_include_pad=False");
        }
        if (divisorOverride > 0) {
            s.append(", divisor_override=").append(divisorOverride);
        }
        return s.toString();
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
