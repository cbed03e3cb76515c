package dev.myelin.nn;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * Weight initialisation, as {@code torch.nn.init}: each method fills a tensor in place (unrecorded, as
 * under PyTorch's {@code no_grad}) from an explicit {@link Generator} and returns it.
 *
 * <p>Fans follow PyTorch's {@code _calculate_fan_in_and_fan_out}: for a weight of shape
 * {@code (out, in, k1, k2, ...)}, {@code fan_in = in·k1·k2·...} and {@code fan_out = out·k1·k2·...};
 * so a Linear weight {@code (out, in)} has {@code fan_in = in}, a Conv2d weight
 * {@code (C_out, C_in, kH, kW)} has {@code fan_in = C_in·kH·kW}. Tensors of fewer than 2 dimensions have no fans.
 */
public final class Init {
    private Init() {
    }

    /** Which fan {@link #kaimingUniform}/{@link #kaimingNormal} scale by: {@code fan_in} keeps the forward variance, {@code fan_out} the backward one. */
    public enum Mode {
        FAN_IN,
        FAN_OUT
    }

    /** The non-linearities {@link #calculateGain} knows, as PyTorch's strings ({@code "relu"}, {@code "leaky_relu"}, ...). */
    public enum Nonlinearity {
        LINEAR,
        CONV1D,
        CONV2D,
        CONV3D,
        SIGMOID,
        TANH,
        RELU,
        LEAKY_RELU,
        SELU
    }

    /**
     * The recommended gain for a non-linearity, as {@code torch.nn.init.calculate_gain}: 1 for linear,
     * convolution and sigmoid; 5/3 for tanh; sqrt(2) for ReLU; {@code sqrt(2 / (1 + param²))} for leaky
     * ReLU with negative slope {@code param}; 3/4 for SELU. {@code param} is used by leaky ReLU only.
     */
    public static double calculateGain(Nonlinearity nonlinearity, double param) {
        return switch (nonlinearity) {
            case LINEAR, CONV1D, CONV2D, CONV3D, SIGMOID -> 1.0;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> Math.sqrt(2.0 / (1 + param * param));
            case SELU -> 3.0 / 4;
        };
    }

    /** {@link #calculateGain(Nonlinearity, double)} with PyTorch's default leaky-ReLU slope, 0.01. */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    /** {@code fan_in} of a tensor of at least 2 dimensions (see the class comment). */
    public static int fanIn(Tensor tensor) {
        int field = receptiveField(tensor); // checks the rank first
        return tensor.dim(1) * field;
    }

    /** {@code fan_out} of a tensor of at least 2 dimensions (see the class comment). */
    public static int fanOut(Tensor tensor) {
        int field = receptiveField(tensor);
        return tensor.dim(0) * field;
    }

    private static int receptiveField(Tensor tensor) {
        if (tensor.rank() < 2) {
            throw new IllegalArgumentException("fan in and fan out can not be computed for a tensor with fewer than "
                    + "2 dimensions, got shape " + tensor.shape());
        }
        int field = 1;
        for (int d = 2; d < tensor.rank(); d++) {
            field *= tensor.dim(d);
        }
        return field;
    }

    private static int fan(Tensor tensor, Mode mode) {
        return mode == Mode.FAN_IN ? fanIn(tensor) : fanOut(tensor);
    }

    /**
     * He initialisation, uniform (He, Zhang, Ren and Sun, 2015, "Delving Deep into Rectifiers"): samples
     * from {@code U(-bound, bound)} with {@code bound = gain · sqrt(3 / fan)}, {@code gain =
     * calculateGain(nonlinearity, a)}, so that the standard deviation is {@code gain / sqrt(fan)}.
     *
     * @param a            the negative slope of the rectifier after this layer (leaky ReLU only)
     * @param mode         which fan to use
     * @param nonlinearity the non-linearity after this layer; PyTorch's default is {@code LEAKY_RELU} with {@code a = 0}
     */
    public static Tensor kaimingUniform(Tensor tensor, double a, Mode mode, Nonlinearity nonlinearity,
            Generator generator) {
        double bound = calculateGain(nonlinearity, a) * Math.sqrt(3.0 / fan(tensor, mode));
        return uniform(tensor, -bound, bound, generator);
    }

    /** {@link #kaimingUniform(Tensor, double, Mode, Nonlinearity, Generator)} with PyTorch's defaults: {@code a = 0}, fan_in, leaky ReLU (so gain sqrt(2)). */
    public static Tensor kaimingUniform(Tensor tensor, Generator generator) {
        return kaimingUniform(tensor, 0, Mode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
    }

    /**
     * He initialisation, normal (He et al., 2015): samples from {@code N(0, std²)} with
     * {@code std = gain / sqrt(fan)}, {@code gain = calculateGain(nonlinearity, a)}.
     */
    public static Tensor kaimingNormal(Tensor tensor, double a, Mode mode, Nonlinearity nonlinearity,
            Generator generator) {
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(tensor, mode));
        return normal(tensor, 0, std, generator);
    }

    /** {@link #kaimingNormal(Tensor, double, Mode, Nonlinearity, Generator)} with PyTorch's defaults: {@code a = 0}, fan_in, leaky ReLU. */
    public static Tensor kaimingNormal(Tensor tensor, Generator generator) {
        return kaimingNormal(tensor, 0, Mode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
    }

    /**
     * Glorot initialisation, uniform (Glorot and Bengio, 2010, "Understanding the difficulty of training
     * deep feedforward neural networks"): {@code U(-a, a)} with {@code a = gain · sqrt(6 / (fan_in + fan_out))}.
     */
    public static Tensor xavierUniform(Tensor tensor, double gain, Generator generator) {
        double bound = gain * Math.sqrt(6.0 / (fanIn(tensor) + fanOut(tensor)));
        return uniform(tensor, -bound, bound, generator);
    }

    /** {@link #xavierUniform(Tensor, double, Generator)} with PyTorch's default gain 1. */
    public static Tensor xavierUniform(Tensor tensor, Generator generator) {
        return xavierUniform(tensor, 1.0, generator);
    }

    /**
     * Glorot initialisation, normal (Glorot and Bengio, 2010): {@code N(0, std²)} with
     * {@code std = gain · sqrt(2 / (fan_in + fan_out))}.
     */
    public static Tensor xavierNormal(Tensor tensor, double gain, Generator generator) {
        double std = gain * Math.sqrt(2.0 / (fanIn(tensor) + fanOut(tensor)));
        return normal(tensor, 0, std, generator);
    }

    /** {@link #xavierNormal(Tensor, double, Generator)} with PyTorch's default gain 1. */
    public static Tensor xavierNormal(Tensor tensor, Generator generator) {
        return xavierNormal(tensor, 1.0, generator);
    }

    /** Fills with samples of {@code U(a, b)}: {@code a + (b - a)·u} for {@code u} uniform in [0, 1), in row-major order. */
    public static Tensor uniform(Tensor tensor, double a, double b, Generator generator) {
        float[] data = writable(tensor);
        for (int i = tensor.arrayOffset(), end = i + tensor.size(); i < end; i++) {
            data[i] = (float) (a + (b - a) * generator.nextDouble());
        }
        return tensor;
    }

    /** Fills with samples of {@code N(mean, std²)}, in row-major order. */
    public static Tensor normal(Tensor tensor, double mean, double std, Generator generator) {
        float[] data = writable(tensor);
        for (int i = tensor.arrayOffset(), end = i + tensor.size(); i < end; i++) {
            data[i] = (float) (mean + std * generator.nextGaussian());
        }
        return tensor;
    }

    /** Fills with {@code value}. */
    public static Tensor constant(Tensor tensor, double value) {
        float[] data = writable(tensor);
        for (int i = tensor.arrayOffset(), end = i + tensor.size(); i < end; i++) {
            data[i] = (float) value;
        }
        return tensor;
    }

    /** Fills with zeros. */
    public static Tensor zeros(Tensor tensor) {
        return constant(tensor, 0);
    }

    /** Fills with ones. */
    public static Tensor ones(Tensor tensor) {
        return constant(tensor, 1);
    }

    /** The storage of a leaf; writing into a tensor computed by a recorded op would corrupt its graph. */
    private static float[] writable(Tensor tensor) {
        if (!tensor.isLeaf()) {
            throw new IllegalArgumentException("init: can only fill a leaf tensor, got one made by "
                    + tensor.gradFnName());
        }
        return tensor.array();
    }
}
