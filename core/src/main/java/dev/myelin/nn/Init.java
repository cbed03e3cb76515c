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
 *
 * <p>The random methods fill the elements in row-major order, one sample each. The distributions are
 * PyTorch's; the numbers are not, since Myelin's {@link Generator} is not PyTorch's generator. {@link Linear} and
 * {@link Conv2d} initialise themselves as PyTorch's do; call these to initialise differently, such as
 * {@code Init.kaimingNormal(conv.weight().value(), 0, Init.Mode.FAN_OUT, Init.Nonlinearity.RELU, gen)}
 * for torchvision's ResNet.
 */
public final class Init {
    private Init() {
    }

    /**
     * Which fan {@link #kaimingUniform}/{@link #kaimingNormal} scale by: {@code fan_in} keeps the forward
     * variance, {@code fan_out} the backward one.
     */
    public enum Mode {
        /** Scale by {@code fan_in}: the variance of the outputs in the forward pass is kept (PyTorch's default). */
        FAN_IN,
        /** Scale by {@code fan_out}: the variance of the gradients in the backward pass is kept. */
        FAN_OUT
    }

    /**
     * The non-linearities {@link #calculateGain} knows, as PyTorch's strings ({@code "relu"},
     * {@code "leaky_relu"}, ...).
     */
    public enum Nonlinearity {
        /** No non-linearity, {@code "linear"}: gain 1. */
        LINEAR,
        /** {@code "conv1d"}: gain 1. */
        CONV1D,
        /** {@code "conv2d"}: gain 1. */
        CONV2D,
        /** {@code "conv3d"}: gain 1. */
        CONV3D,
        /** {@code "sigmoid"}: gain 1. */
        SIGMOID,
        /** {@code "tanh"}: gain 5/3. */
        TANH,
        /** {@code "relu"}: gain {@code sqrt(2)}. */
        RELU,
        /** {@code "leaky_relu"}: gain {@code sqrt(2 / (1 + slope²))}; PyTorch's default for the Kaiming methods. */
        LEAKY_RELU,
        /** {@code "selu"}: gain 3/4. */
        SELU
    }

    /**
     * The recommended gain for a non-linearity, as {@code torch.nn.init.calculate_gain}: 1 for linear,
     * convolution and sigmoid; 5/3 for tanh; sqrt(2) for ReLU; {@code sqrt(2 / (1 + param²))} for leaky
     * ReLU with negative slope {@code param}; 3/4 for SELU.
     *
     * @param nonlinearity the non-linearity that follows the layer
     * @param param        leaky ReLU's negative slope; ignored by the others
     * @return the factor by which the standard deviation of the initial weights is scaled
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

    /**
     * {@link #calculateGain(Nonlinearity, double)} with PyTorch's default leaky-ReLU slope, 0.01.
     *
     * @param nonlinearity the non-linearity that follows the layer
     * @return the gain, {@code sqrt(2 / (1 + 0.01²))} for leaky ReLU
     */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    /**
     * The number of inputs each output of a layer with this weight sums over.
     *
     * @param tensor a weight of shape {@code (out, in, k1, k2, ...)}, at least 2 dimensions
     * @return {@code fan_in = in·k1·k2·...}
     * @throws IllegalArgumentException if the tensor has fewer than 2 dimensions
     */
    public static int fanIn(Tensor tensor) {
        int field = receptiveField(tensor); // checks the rank first
        return tensor.dim(1) * field;
    }

    /**
     * The number of outputs each input of a layer with this weight reaches.
     *
     * @param tensor a weight of shape {@code (out, in, k1, k2, ...)}, at least 2 dimensions
     * @return {@code fan_out = out·k1·k2·...}
     * @throws IllegalArgumentException if the tensor has fewer than 2 dimensions
     */
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
     * He initialisation, uniform (He, Zhang, Ren and Sun, 2015, "Delving Deep into Rectifiers",
     * arXiv:1502.01852), as {@code torch.nn.init.kaiming_uniform_}: samples from {@code U(-bound, bound)}
     * with {@code bound = gain · sqrt(3 / fan)}, {@code gain = calculateGain(nonlinearity, a)}, so that the
     * standard deviation is {@code gain / sqrt(fan)}. {@link Linear} and {@link Conv2d} use it with
     * {@code a = sqrt(5)}, fan_in and leaky ReLU, which gives {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}.
     *
     * @param tensor       a leaf tensor of at least 2 dimensions, filled in place
     * @param a            the negative slope of the rectifier after this layer (leaky ReLU only); PyTorch's default 0
     * @param mode         which fan to use; PyTorch's default {@code FAN_IN}
     * @param nonlinearity the non-linearity after this layer; PyTorch's default {@code LEAKY_RELU}
     * @param generator    the source of the samples
     * @return {@code tensor}
     * @throws IllegalArgumentException if the tensor has fewer than 2 dimensions or is not a leaf
     */
    public static Tensor kaimingUniform(Tensor tensor, double a, Mode mode, Nonlinearity nonlinearity,
            Generator generator) {
        double bound = calculateGain(nonlinearity, a) * Math.sqrt(3.0 / fan(tensor, mode));
        return uniform(tensor, -bound, bound, generator);
    }

    /**
     * {@link #kaimingUniform(Tensor, double, Mode, Nonlinearity, Generator)} with PyTorch's defaults:
     * {@code a = 0}, fan_in, leaky ReLU (so gain {@code sqrt(2)} and {@code bound = sqrt(6 / fan_in)}).
     *
     * @param tensor    a leaf tensor of at least 2 dimensions, filled in place
     * @param generator the source of the samples
     * @return {@code tensor}
     */
    public static Tensor kaimingUniform(Tensor tensor, Generator generator) {
        return kaimingUniform(tensor, 0, Mode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
    }

    /**
     * He initialisation, normal (He et al., 2015, arXiv:1502.01852), as
     * {@code torch.nn.init.kaiming_normal_}: samples from {@code N(0, std²)} with
     * {@code std = gain / sqrt(fan)}, {@code gain = calculateGain(nonlinearity, a)}.
     *
     * @param tensor       a leaf tensor of at least 2 dimensions, filled in place
     * @param a            the negative slope of the rectifier after this layer (leaky ReLU only); PyTorch's default 0
     * @param mode         which fan to use; PyTorch's default {@code FAN_IN}, torchvision's ResNet {@code FAN_OUT}
     * @param nonlinearity the non-linearity after this layer; PyTorch's default {@code LEAKY_RELU}
     * @param generator    the source of the samples
     * @return {@code tensor}
     * @throws IllegalArgumentException if the tensor has fewer than 2 dimensions or is not a leaf
     */
    public static Tensor kaimingNormal(Tensor tensor, double a, Mode mode, Nonlinearity nonlinearity,
            Generator generator) {
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(tensor, mode));
        return normal(tensor, 0, std, generator);
    }

    /**
     * {@link #kaimingNormal(Tensor, double, Mode, Nonlinearity, Generator)} with PyTorch's defaults:
     * {@code a = 0}, fan_in, leaky ReLU (so {@code std = sqrt(2 / fan_in)}).
     *
     * @param tensor    a leaf tensor of at least 2 dimensions, filled in place
     * @param generator the source of the samples
     * @return {@code tensor}
     */
    public static Tensor kaimingNormal(Tensor tensor, Generator generator) {
        return kaimingNormal(tensor, 0, Mode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
    }

    /**
     * Glorot initialisation, uniform (Glorot and Bengio, 2010, "Understanding the difficulty of training
     * deep feedforward neural networks"), as {@code torch.nn.init.xavier_uniform_}: {@code U(-a, a)} with
     * {@code a = gain · sqrt(6 / (fan_in + fan_out))}.
     *
     * @param tensor    a leaf tensor of at least 2 dimensions, filled in place
     * @param gain      the scale, such as {@link #calculateGain} of the following non-linearity (PyTorch's default 1)
     * @param generator the source of the samples
     * @return {@code tensor}
     * @throws IllegalArgumentException if the tensor has fewer than 2 dimensions or is not a leaf
     */
    public static Tensor xavierUniform(Tensor tensor, double gain, Generator generator) {
        double bound = gain * Math.sqrt(6.0 / (fanIn(tensor) + fanOut(tensor)));
        return uniform(tensor, -bound, bound, generator);
    }

    /**
     * {@link #xavierUniform(Tensor, double, Generator)} with PyTorch's default gain 1.
     *
     * @param tensor    a leaf tensor of at least 2 dimensions, filled in place
     * @param generator the source of the samples
     * @return {@code tensor}
     */
    public static Tensor xavierUniform(Tensor tensor, Generator generator) {
        return xavierUniform(tensor, 1.0, generator);
    }

    /**
     * Glorot initialisation, normal (Glorot and Bengio, 2010), as {@code torch.nn.init.xavier_normal_}:
     * {@code N(0, std²)} with {@code std = gain · sqrt(2 / (fan_in + fan_out))}.
     *
     * @param tensor    a leaf tensor of at least 2 dimensions, filled in place
     * @param gain      the scale, such as {@link #calculateGain} of the following non-linearity (PyTorch's default 1)
     * @param generator the source of the samples
     * @return {@code tensor}
     * @throws IllegalArgumentException if the tensor has fewer than 2 dimensions or is not a leaf
     */
    public static Tensor xavierNormal(Tensor tensor, double gain, Generator generator) {
        double std = gain * Math.sqrt(2.0 / (fanIn(tensor) + fanOut(tensor)));
        return normal(tensor, 0, std, generator);
    }

    /**
     * {@link #xavierNormal(Tensor, double, Generator)} with PyTorch's default gain 1.
     *
     * @param tensor    a leaf tensor of at least 2 dimensions, filled in place
     * @param generator the source of the samples
     * @return {@code tensor}
     */
    public static Tensor xavierNormal(Tensor tensor, Generator generator) {
        return xavierNormal(tensor, 1.0, generator);
    }

    /**
     * Fills with samples of {@code U(a, b)}, as {@code torch.nn.init.uniform_} (whose defaults are 0 and 1):
     * {@code a + (b - a)·u} for {@code u} uniform in [0, 1), computed in double and rounded to float.
     *
     * @param tensor    a leaf tensor of any shape, filled in place
     * @param a         the lower bound
     * @param b         the upper bound
     * @param generator the source of the samples
     * @return {@code tensor}
     * @throws IllegalArgumentException if the tensor is not a leaf
     */
    public static Tensor uniform(Tensor tensor, double a, double b, Generator generator) {
        float[] data = writable(tensor);
        for (int i = tensor.arrayOffset(), end = i + tensor.size(); i < end; i++) {
            data[i] = (float) (a + (b - a) * generator.nextDouble());
        }
        return tensor;
    }

    /**
     * Fills with samples of {@code N(mean, std²)}, as {@code torch.nn.init.normal_} (whose defaults are 0
     * and 1).
     *
     * @param tensor    a leaf tensor of any shape, filled in place
     * @param mean      the mean of the distribution
     * @param std       the standard deviation of the distribution
     * @param generator the source of the samples
     * @return {@code tensor}
     * @throws IllegalArgumentException if the tensor is not a leaf
     */
    public static Tensor normal(Tensor tensor, double mean, double std, Generator generator) {
        float[] data = writable(tensor);
        for (int i = tensor.arrayOffset(), end = i + tensor.size(); i < end; i++) {
            data[i] = (float) (mean + std * generator.nextGaussian());
        }
        return tensor;
    }

    /**
     * Fills with one value, as {@code torch.nn.init.constant_}.
     *
     * @param tensor a leaf tensor of any shape, filled in place
     * @param value  the value, rounded to float
     * @return {@code tensor}
     * @throws IllegalArgumentException if the tensor is not a leaf
     */
    public static Tensor constant(Tensor tensor, double value) {
        float[] data = writable(tensor);
        for (int i = tensor.arrayOffset(), end = i + tensor.size(); i < end; i++) {
            data[i] = (float) value;
        }
        return tensor;
    }

    /**
     * Fills with zeros, as {@code torch.nn.init.zeros_}.
     *
     * @param tensor a leaf tensor of any shape, filled in place
     * @return {@code tensor}
     * @throws IllegalArgumentException if the tensor is not a leaf
     */
    public static Tensor zeros(Tensor tensor) {
        return constant(tensor, 0);
    }

    /**
     * Fills with ones, as {@code torch.nn.init.ones_}.
     *
     * @param tensor a leaf tensor of any shape, filled in place
     * @return {@code tensor}
     * @throws IllegalArgumentException if the tensor is not a leaf
     */
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
