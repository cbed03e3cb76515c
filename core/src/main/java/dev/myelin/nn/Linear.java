package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Objects;

/**
 * A fully connected layer, as {@code torch.nn.Linear}: {@code y = x Wᵀ + b}.
 *
 * <p>Input {@code (*, in)}, output {@code (*, out)}, where {@code *} is any number of leading
 * dimensions (none for a single vector). The weight has PyTorch's layout {@code (out, in)} and the bias
 * {@code (out)}, so both load from a PyTorch state dict unchanged.
 *
 * <p>Initialisation is PyTorch's: the weight by {@link Init#kaimingUniform} with {@code a = sqrt(5)}
 * (He et al., 2015, arXiv:1502.01852), fan_in and leaky ReLU, which is {@code U(-1/sqrt(in), 1/sqrt(in))},
 * and the bias {@code U(-1/sqrt(in), 1/sqrt(in))}, drawn in that order from the generator (the
 * {@linkplain Generator#defaultGenerator() default generator} when none is given). The distributions
 * are PyTorch's, the numbers Myelin's own.
 *
 * <pre>{@code
 * new Linear(784, 128)               // nn.Linear(784, 128)
 * new Linear(784, 128, false, gen)   // nn.Linear(784, 128, bias=False), weights drawn from gen
 * }</pre>
 */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A layer from {@code inFeatures} to {@code outFeatures}, initialised as PyTorch's.
     *
     * @param inFeatures  size of each input sample, the last dimension of the input; at least 1
     * @param outFeatures size of each output sample, the last dimension of the output; at least 1
     * @param bias        whether to learn an additive bias {@code b} (PyTorch's default true)
     * @param generator   the source of the initial weight, then bias
     * @throws IllegalArgumentException if a size is below 1
     * @throws NullPointerException     if {@code generator} is null
     */
    public Linear(int inFeatures, int outFeatures, boolean bias, Generator generator) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("Linear: in and out features must be positive, got " + inFeatures
                    + " and " + outFeatures);
        }
        Objects.requireNonNull(generator, "generator");
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        Tensor w = Init.kaimingUniform(Tensor.zeros(outFeatures, inFeatures), Math.sqrt(5), Init.Mode.FAN_IN,
                Init.Nonlinearity.LEAKY_RELU, generator);
        this.weight = registerParameter("weight", new Parameter(w));
        if (bias) {
            double bound = 1 / Math.sqrt(inFeatures);
            this.bias = registerParameter("bias", new Parameter(Init.uniform(Tensor.zeros(outFeatures), -bound, bound,
                    generator)));
        } else {
            this.bias = null;
        }
    }

    /**
     * A layer with a bias, initialised from {@code generator}.
     *
     * @param inFeatures  size of each input sample, the last dimension of the input; at least 1
     * @param outFeatures size of each output sample, the last dimension of the output; at least 1
     * @param generator   the source of the initial weight, then bias
     */
    public Linear(int inFeatures, int outFeatures, Generator generator) {
        this(inFeatures, outFeatures, true, generator);
    }

    /**
     * {@code nn.Linear(in, out)}: a layer with a bias, initialised from the
     * {@linkplain Generator#defaultGenerator() default generator}.
     *
     * @param inFeatures  size of each input sample, the last dimension of the input; at least 1
     * @param outFeatures size of each output sample, the last dimension of the output; at least 1
     */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true, Generator.defaultGenerator());
    }

    /**
     * {@code nn.Linear(in, out, bias=bias)}: a layer initialised from the default generator.
     *
     * @param inFeatures  size of each input sample, the last dimension of the input; at least 1
     * @param outFeatures size of each output sample, the last dimension of the output; at least 1
     * @param bias        whether to learn an additive bias {@code b}
     */
    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, Generator.defaultGenerator());
    }

    /** {@code (*, in) -> (*, out)}: {@code y = x Wᵀ + b} for every row, a single vector {@code (in)} included. */
    @Override
    public Tensor forward(Tensor input) {
        if (input.rank() == 0 || input.dim(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear: expected input of shape (*, " + inFeatures + "), got shape "
                    + input.shape());
        }
        boolean vector = input.rank() == 1;
        Tensor x = vector ? input.reshape(1, inFeatures) : input;
        Tensor flat = x.rank() == 2 ? x : x.reshape(-1, inFeatures);
        Tensor y = Functional.linear(flat, weight.value(), bias == null ? null : bias.value());
        if (vector) {
            return y.reshape(outFeatures);
        }
        if (x.rank() == 2) {
            return y;
        }
        int[] dims = x.dims();
        dims[dims.length - 1] = outFeatures;
        return y.reshape(dims);
    }

    /**
     * The weight {@code W}.
     *
     * @return the parameter {@code weight}, of shape {@code (out, in)}
     */
    public Parameter weight() {
        return weight;
    }

    /**
     * The bias {@code b}.
     *
     * @return the parameter {@code bias}, of shape {@code (out)}; null when built without one
     */
    public Parameter bias() {
        return bias;
    }

    /**
     * The size of each input sample.
     *
     * @return {@code in}, the last dimension of the input
     */
    public int inFeatures() {
        return inFeatures;
    }

    /**
     * The size of each output sample.
     *
     * @return {@code out}, the last dimension of the output
     */
    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + Repr.bool(bias != null);
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
