package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Objects;

/**
 * 2-D convolution (cross-correlation), as {@code torch.nn.Conv2d} with zero padding and one group.
 *
 * <p>Input {@code (N, C_in, H, W)}, output {@code (N, C_out, H_out, W_out)} with
 * {@code H_out = floor((H + 2·padH - dilationH·(kH - 1) - 1) / strideH) + 1} (likewise W). The weight
 * has PyTorch's layout {@code (C_out, C_in, kH, kW)} and the bias {@code (C_out)}.
 *
 * <p>Initialisation is PyTorch's: the weight by {@link Init#kaimingUniform} with {@code a = sqrt(5)},
 * which is {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} with {@code fan_in = C_in·kH·kW}, and the bias
 * {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}, drawn in that order from the generator.
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final int padH;
    private final int padW;
    private final int dilationH;
    private final int dilationW;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A convolution with separate vertical and horizontal kernel size, stride, padding and dilation.
     *
     * @param bias whether to learn an additive bias per output channel
     */
    public Conv2d(int inChannels, int outChannels, int kernelH, int kernelW, int strideH, int strideW, int padH,
            int padW, int dilationH, int dilationW, boolean bias, Generator generator) {
        if (inChannels < 1 || outChannels < 1 || kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1
                || padH < 0 || padW < 0 || dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("Conv2d: channels, kernel size, stride and dilation must be positive "
                    + "and padding non-negative, got in_channels=" + inChannels + ", out_channels=" + outChannels
                    + ", kernel_size=" + Repr.pair(kernelH, kernelW) + ", stride=" + Repr.pair(strideH, strideW)
                    + ", padding=" + Repr.pair(padH, padW) + ", dilation=" + Repr.pair(dilationH, dilationW));
        }
        Objects.requireNonNull(generator, "generator");
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padH = padH;
        this.padW = padW;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        Tensor w = Init.kaimingUniform(Tensor.zeros(outChannels, inChannels, kernelH, kernelW), Math.sqrt(5),
                Init.Mode.FAN_IN, Init.Nonlinearity.LEAKY_RELU, generator);
        this.weight = registerParameter("weight", new Parameter(w));
        if (bias) {
            double bound = 1 / Math.sqrt(Init.fanIn(w));
            this.bias = registerParameter("bias", new Parameter(Init.uniform(Tensor.zeros(outChannels), -bound, bound,
                    generator)));
        } else {
            this.bias = null;
        }
    }

    /** A square kernel with the same stride, padding and dilation in both directions. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, boolean bias,
            Generator generator) {
        this(inChannels, outChannels, kernel, kernel, stride, stride, padding, padding, dilation, dilation, bias,
                generator);
    }

    /** A square kernel with a bias and dilation 1. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, Generator generator) {
        this(inChannels, outChannels, kernel, stride, padding, 1, true, generator);
    }

    /** A square kernel with a bias, stride 1, no padding and dilation 1 (PyTorch's defaults). */
    public Conv2d(int inChannels, int outChannels, int kernel, Generator generator) {
        this(inChannels, outChannels, kernel, 1, 0, generator);
    }

    /**
     * {@code nn.Conv2d(in, out, kernel)}: a square kernel with PyTorch's defaults (stride 1, no padding,
     * dilation 1, a bias), initialised from the {@linkplain Generator#defaultGenerator() default generator}.
     */
    public Conv2d(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, kernel, options());
    }

    /**
     * A square kernel with named options, {@code nn.Conv2d(in, out, kernel, padding=1, bias=False)}:
     * <pre>{@code new Conv2d(32, 64, 3, Conv2d.options().padding(1).bias(false))}</pre>
     */
    public Conv2d(int inChannels, int outChannels, int kernel, Options options) {
        this(inChannels, outChannels, kernel, kernel, options.stride, options.stride, options.padding, options.padding,
                options.dilation, options.dilation, options.bias, options.generator);
    }

    /** PyTorch's defaults: stride 1, padding 0, dilation 1, a bias, the default generator. */
    public static Options options() {
        return new Options(1, 0, 1, true, Generator.defaultGenerator());
    }

    /**
     * The options of a convolution with a square kernel, each with PyTorch's default until set; every
     * setter returns a new value, so that one {@code Options} can be shared.
     *
     * @param stride    the step between windows (default 1)
     * @param padding   zeros added on every side (default 0)
     * @param dilation  the spacing of the kernel's taps (default 1)
     * @param bias      whether to learn an additive bias per output channel (default true)
     * @param generator the source of the initial weights (default: {@link Generator#defaultGenerator()})
     */
    public record Options(int stride, int padding, int dilation, boolean bias, Generator generator) {
        public Options {
            Objects.requireNonNull(generator, "generator");
        }

        public Options stride(int value) {
            return new Options(value, padding, dilation, bias, generator);
        }

        public Options padding(int value) {
            return new Options(stride, value, dilation, bias, generator);
        }

        public Options dilation(int value) {
            return new Options(stride, padding, value, bias, generator);
        }

        public Options bias(boolean value) {
            return new Options(stride, padding, dilation, value, generator);
        }

        public Options generator(Generator value) {
            return new Options(stride, padding, dilation, bias, value);
        }
    }

    /** {@code (N, C_in, H, W) -> (N, C_out, H_out, W_out)}. */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.conv2d(input, weight.value(), bias == null ? null : bias.value(), strideH, strideW, padH,
                padW, dilationH, dilationW);
    }

    /** {@code relu(forward(input))} in one op ({@link Functional#conv2dRelu}); {@link Sequential} fuses a following {@link ReLU} this way. */
    Tensor forwardRelu(Tensor input) {
        return Functional.conv2dRelu(input, weight.value(), bias == null ? null : bias.value(), strideH, strideW, padH,
                padW, dilationH, dilationW);
    }

    /** {@code pool(relu(forward(input)))} in one op ({@link Functional#conv2dReluMaxPool2d}); {@link Sequential} fuses a following {@link ReLU} and {@link MaxPool2d} this way. */
    Tensor forwardReluMaxPool(Tensor input, MaxPool2d pool) {
        PoolWindow2d p = pool.window();
        return Functional.conv2dReluMaxPool2d(input, weight.value(), bias == null ? null : bias.value(), strideH, strideW,
                padH, padW, dilationH, dilationW, p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padH(), p.padW());
    }

    /** The weight, {@code (C_out, C_in, kH, kW)}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code (C_out)}, or null when built without one. */
    public Parameter bias() {
        return bias;
    }

    /** Number of input channels. */
    public int inChannels() {
        return inChannels;
    }

    /** Number of output channels. */
    public int outChannels() {
        return outChannels;
    }

    /** The kernel size, {@code {kH, kW}}. */
    public int[] kernelSize() {
        return new int[] {kernelH, kernelW};
    }

    /** The stride, {@code {strideH, strideW}}. */
    public int[] stride() {
        return new int[] {strideH, strideW};
    }

    /** The zero padding added on each side, {@code {padH, padW}}. */
    public int[] padding() {
        return new int[] {padH, padW};
    }

    /** The dilation, {@code {dilationH, dilationW}}. */
    public int[] dilation() {
        return new int[] {dilationH, dilationW};
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(Repr.pair(kernelH, kernelW))
                .append(", stride=").append(Repr.pair(strideH, strideW));
        if (padH != 0 || padW != 0) {
            s.append(", padding=").append(Repr.pair(padH, padW));
        }
        if (dilationH != 1 || dilationW != 1) {
            s.append(", dilation=").append(Repr.pair(dilationH, dilationW));
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
