package dev.myelin.nn;

import dev.myelin.tensor.Conv2dParams;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.MaxPool2dParams;
import dev.myelin.tensor.Tensor;
import java.util.Objects;

/**
 * 2-D convolution (cross-correlation), as {@code torch.nn.Conv2d} with zero padding.
 *
 * <p>Input {@code (N, C_in, H, W)}, output {@code (N, C_out, H_out, W_out)} with
 * {@code H_out = floor((H + 2·padH - dilationH·(kH - 1) - 1) / strideH) + 1} (likewise W). The weight
 * has PyTorch's layout {@code (C_out, C_in/groups, kH, kW)} and the bias {@code (C_out)}. With
 * {@code groups} (default 1, set through {@link Options#groups(int)}) the channels are split as in
 * PyTorch: group {@code j} convolves input channels {@code [j·C_in/g, (j+1)·C_in/g)} into output
 * channels {@code [j·C_out/g, (j+1)·C_out/g)}; {@code groups == C_in} is the depthwise convolution.
 *
 * <p>Initialisation is PyTorch's: the weight by {@link Init#kaimingUniform} with {@code a = sqrt(5)},
 * which is {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} with {@code fan_in = (C_in/groups)·kH·kW}, and the
 * bias {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}, drawn in that order from the generator.
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernelH;
    private final int kernelW;
    private final Conv2dParams params;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A convolution with separate vertical and horizontal kernel size, stride, padding and dilation,
     * and one group.
     *
     * @param inChannels  input channels {@code C_in}, at least 1
     * @param outChannels output channels {@code C_out}, at least 1
     * @param kernelH     kernel height, at least 1
     * @param kernelW     kernel width, at least 1
     * @param strideH     vertical step between windows, at least 1
     * @param strideW     horizontal step between windows, at least 1
     * @param padH        zero rows added above and below, at least 0
     * @param padW        zero columns added left and right, at least 0
     * @param dilationH   vertical spacing of the kernel's taps, at least 1
     * @param dilationW   horizontal spacing of the kernel's taps, at least 1
     * @param bias        whether to learn an additive bias per output channel
     * @param generator   the source of the initial weights, not null
     * @throws IllegalArgumentException naming every value, if one is out of range
     */
    public Conv2d(int inChannels, int outChannels, int kernelH, int kernelW, int strideH, int strideW, int padH,
            int padW, int dilationH, int dilationW, boolean bias, Generator generator) {
        this(inChannels, outChannels, kernelH, kernelW,
                new Conv2dParams(strideH, strideW, padH, padW, dilationH, dilationW, 1), bias, generator);
    }

    private Conv2d(int inChannels, int outChannels, int kernelH, int kernelW, Conv2dParams params, boolean bias,
            Generator generator) {
        if (inChannels < 1 || outChannels < 1 || kernelH < 1 || kernelW < 1 || params.strideH() < 1
                || params.strideW() < 1 || params.padH() < 0 || params.padW() < 0 || params.dilationH() < 1
                || params.dilationW() < 1) {
            throw new IllegalArgumentException("Conv2d: channels, kernel size, stride and dilation must be positive "
                    + "and padding non-negative, got in_channels=" + inChannels + ", out_channels=" + outChannels
                    + ", kernel_size=" + Repr.pair(kernelH, kernelW)
                    + ", stride=" + Repr.pair(params.strideH(), params.strideW())
                    + ", padding=" + Repr.pair(params.padH(), params.padW())
                    + ", dilation=" + Repr.pair(params.dilationH(), params.dilationW()));
        }
        int groups = params.groups();
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("Conv2d: groups must be positive and divide both channel counts, got "
                    + "in_channels=" + inChannels + ", out_channels=" + outChannels + ", groups=" + groups);
        }
        Objects.requireNonNull(generator, "generator");
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.params = params;
        Tensor w = Init.kaimingUniform(Tensor.zeros(outChannels, inChannels / params.groups(), kernelH, kernelW),
                Math.sqrt(5), Init.Mode.FAN_IN, Init.Nonlinearity.LEAKY_RELU, generator);
        this.weight = registerParameter("weight", new Parameter(w));
        if (bias) {
            double bound = 1 / Math.sqrt(Init.fanIn(w));
            this.bias = registerParameter("bias", new Parameter(Init.uniform(Tensor.zeros(outChannels), -bound, bound,
                    generator)));
        } else {
            this.bias = null;
        }
    }

    /**
     * A square kernel with the same stride, padding and dilation in both directions, one group.
     *
     * @param inChannels  input channels {@code C_in}, at least 1
     * @param outChannels output channels {@code C_out}, at least 1
     * @param kernel      kernel height and width, at least 1
     * @param stride      step between windows, at least 1
     * @param padding     zeros added on every side, at least 0
     * @param dilation    spacing of the kernel's taps, at least 1
     * @param bias        whether to learn an additive bias per output channel
     * @param generator   the source of the initial weights, not null
     * @throws IllegalArgumentException naming every value, if one is out of range
     */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, boolean bias,
            Generator generator) {
        this(inChannels, outChannels, kernel, kernel, stride, stride, padding, padding, dilation, dilation, bias,
                generator);
    }

    /**
     * A square kernel with a bias, dilation 1 and one group.
     *
     * @param inChannels  input channels {@code C_in}, at least 1
     * @param outChannels output channels {@code C_out}, at least 1
     * @param kernel      kernel height and width, at least 1
     * @param stride      step between windows, at least 1
     * @param padding     zeros added on every side, at least 0
     * @param generator   the source of the initial weights, not null
     * @throws IllegalArgumentException naming every value, if one is out of range
     */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, Generator generator) {
        this(inChannels, outChannels, kernel, stride, padding, 1, true, generator);
    }

    /**
     * A square kernel with a bias, stride 1, no padding, dilation 1 and one group (PyTorch's defaults).
     *
     * @param inChannels  input channels {@code C_in}, at least 1
     * @param outChannels output channels {@code C_out}, at least 1
     * @param kernel      kernel height and width, at least 1
     * @param generator   the source of the initial weights, not null
     * @throws IllegalArgumentException naming every value, if one is out of range
     */
    public Conv2d(int inChannels, int outChannels, int kernel, Generator generator) {
        this(inChannels, outChannels, kernel, 1, 0, generator);
    }

    /**
     * {@code nn.Conv2d(in, out, kernel)}: a square kernel with PyTorch's defaults (stride 1, no padding,
     * dilation 1, one group, a bias), initialised from the {@linkplain Generator#defaultGenerator() default generator}.
     *
     * @param inChannels  input channels {@code C_in}, at least 1
     * @param outChannels output channels {@code C_out}, at least 1
     * @param kernel      kernel height and width, at least 1
     * @throws IllegalArgumentException naming every value, if one is out of range
     */
    public Conv2d(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, kernel, options());
    }

    /**
     * A square kernel with named options, {@code nn.Conv2d(in, out, kernel, padding=1, groups=2, bias=False)}:
     * <pre>{@code new Conv2d(32, 64, 3, Conv2d.options().padding(1).groups(2).bias(false))}</pre>
     *
     * @param inChannels  input channels {@code C_in}, at least 1 and a multiple of the groups
     * @param outChannels output channels {@code C_out}, at least 1 and a multiple of the groups
     * @param kernel      kernel height and width, at least 1
     * @param options     stride, padding, dilation, groups, bias and generator ({@link #options()} for PyTorch's defaults)
     * @throws IllegalArgumentException naming every value, if one is out of range or the groups do not divide the channels
     */
    public Conv2d(int inChannels, int outChannels, int kernel, Options options) {
        this(inChannels, outChannels, kernel, kernel, Conv2dParams.of(options.stride, options.padding,
                options.dilation, options.groups), options.bias, options.generator);
    }

    /**
     * PyTorch's defaults: stride 1, padding 0, dilation 1, one group, a bias, the default generator.
     *
     * @return the options to start from, each setter returning a changed copy
     */
    public static Options options() {
        return new Options(1, 0, 1, 1, true, Generator.defaultGenerator());
    }

    /**
     * The options of a convolution with a square kernel, each with PyTorch's default until set; every
     * setter returns a new value, so that one {@code Options} can be shared. The values are checked
     * when the layer is built.
     *
     * @param stride    the step between windows (default 1)
     * @param padding   zeros added on every side (default 0)
     * @param dilation  the spacing of the kernel's taps (default 1)
     * @param groups    channel groups, dividing both channel counts (default 1; the input channel count
     *                  gives the depthwise convolution)
     * @param bias      whether to learn an additive bias per output channel (default true)
     * @param generator the source of the initial weights (default: {@link Generator#defaultGenerator()})
     */
    public record Options(int stride, int padding, int dilation, int groups, boolean bias, Generator generator) {
        /**
         * Refuses a null generator.
         *
         * @throws NullPointerException if {@code generator} is null
         */
        public Options {
            Objects.requireNonNull(generator, "generator");
        }

        /**
         * These options with another stride.
         *
         * @param value the step between windows, at least 1
         * @return a copy with {@code stride = value}
         */
        public Options stride(int value) {
            return new Options(value, padding, dilation, groups, bias, generator);
        }

        /**
         * These options with another padding.
         *
         * @param value zeros added on every side, at least 0
         * @return a copy with {@code padding = value}
         */
        public Options padding(int value) {
            return new Options(stride, value, dilation, groups, bias, generator);
        }

        /**
         * These options with another dilation.
         *
         * @param value the spacing of the kernel's taps, at least 1
         * @return a copy with {@code dilation = value}
         */
        public Options dilation(int value) {
            return new Options(stride, padding, value, groups, bias, generator);
        }

        /**
         * These options with another number of channel groups, as PyTorch's {@code groups}.
         *
         * @param value channel groups, at least 1 and dividing both channel counts; the input channel
         *              count gives the depthwise convolution
         * @return a copy with {@code groups = value}
         */
        public Options groups(int value) {
            return new Options(stride, padding, dilation, value, bias, generator);
        }

        /**
         * These options with or without a bias.
         *
         * @param value whether to learn an additive bias per output channel
         * @return a copy with {@code bias = value}
         */
        public Options bias(boolean value) {
            return new Options(stride, padding, dilation, groups, value, generator);
        }

        /**
         * These options with another source of the initial weights.
         *
         * @param value the generator to draw the weight, then the bias, from; not null
         * @return a copy with {@code generator = value}
         * @throws NullPointerException if {@code value} is null
         */
        public Options generator(Generator value) {
            return new Options(stride, padding, dilation, groups, bias, value);
        }
    }

    /**
     * The convolution of {@code input} ({@link Functional#conv2d(Tensor, Tensor, Tensor, Conv2dParams)}).
     *
     * @param input {@code (N, C_in, H, W)}
     * @return {@code (N, C_out, H_out, W_out)}
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.conv2d(input, weight.value(), bias == null ? null : bias.value(), params);
    }

    /** {@code relu(forward(input))} in one op ({@link Functional#conv2dRelu}); {@link Sequential} fuses a following {@link ReLU} this way. */
    Tensor forwardRelu(Tensor input) {
        return Functional.conv2dRelu(input, weight.value(), bias == null ? null : bias.value(), params);
    }

    /** {@code pool(relu(forward(input)))} in one op ({@link Functional#conv2dReluMaxPool2d}); {@link Sequential} fuses a following {@link ReLU} and {@link MaxPool2d} this way. */
    Tensor forwardReluMaxPool(Tensor input, MaxPool2d pool) {
        PoolWindow2d p = pool.window();
        return Functional.conv2dReluMaxPool2d(input, weight.value(), bias == null ? null : bias.value(), params,
                new MaxPool2dParams(p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padH(), p.padW()));
    }

    /**
     * The weight.
     *
     * @return the parameter of shape {@code (C_out, C_in/groups, kH, kW)}
     */
    public Parameter weight() {
        return weight;
    }

    /**
     * The bias.
     *
     * @return the parameter of shape {@code (C_out)}, or null when built without one
     */
    public Parameter bias() {
        return bias;
    }

    /**
     * Number of input channels.
     *
     * @return {@code C_in}, at least 1
     */
    public int inChannels() {
        return inChannels;
    }

    /**
     * Number of output channels.
     *
     * @return {@code C_out}, at least 1
     */
    public int outChannels() {
        return outChannels;
    }

    /**
     * The kernel size.
     *
     * @return a new array {@code {kH, kW}}
     */
    public int[] kernelSize() {
        return new int[] {kernelH, kernelW};
    }

    /**
     * The stride.
     *
     * @return a new array {@code {strideH, strideW}}
     */
    public int[] stride() {
        return new int[] {params.strideH(), params.strideW()};
    }

    /**
     * The zero padding added on each side.
     *
     * @return a new array {@code {padH, padW}}
     */
    public int[] padding() {
        return new int[] {params.padH(), params.padW()};
    }

    /**
     * The dilation.
     *
     * @return a new array {@code {dilationH, dilationW}}
     */
    public int[] dilation() {
        return new int[] {params.dilationH(), params.dilationW()};
    }

    /**
     * The number of channel groups, as PyTorch's {@code groups}.
     *
     * @return at least 1, dividing both channel counts; 1 for an ordinary convolution, {@code C_in} for a depthwise one
     */
    public int groups() {
        return params.groups();
    }

    /**
     * PyTorch's {@code extra_repr}: {@code in, out, kernel_size=(kH, kW), stride=(sH, sW)}, then
     * {@code padding}, {@code dilation} and {@code groups} where not the default, and {@code bias=False}
     * without a bias.
     *
     * @return the text inside {@code Conv2d(...)}
     */
    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(Repr.pair(kernelH, kernelW))
                .append(", stride=").append(Repr.pair(params.strideH(), params.strideW()));
        if (params.padH() != 0 || params.padW() != 0) {
            s.append(", padding=").append(Repr.pair(params.padH(), params.padW()));
        }
        if (params.dilationH() != 1 || params.dilationW() != 1) {
            s.append(", dilation=").append(Repr.pair(params.dilationH(), params.dilationW()));
        }
        if (params.groups() != 1) {
            s.append(", groups=").append(params.groups());
        }
        if (bias == null) {
            s.append(", bias=False");
        }
        return s.toString();
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
