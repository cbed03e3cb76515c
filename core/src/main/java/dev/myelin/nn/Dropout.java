package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * Dropout (Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov, 2014, "Dropout: A Simple Way to
 * Prevent Neural Networks from Overfitting", JMLR 15), as {@code torch.nn.Dropout}: in training mode
 * each element is zeroed with probability {@code p} and the survivors are scaled by {@code 1/(1-p)}
 * (inverted dropout, so evaluation needs no rescaling); in evaluation mode it is the identity (the output
 * is a copy of the input). Any shape; the output has the input's shape. The masks are drawn from the
 * generator given here, one number per element, so a seed fixes them. The default p is PyTorch's, 0.5.
 */
public final class Dropout extends Module {
    private final float p;
    private final Generator generator;

    /**
     * A dropout layer in training mode.
     *
     * @param p         the probability of zeroing an element, in [0, 1] (PyTorch's default is 0.5)
     * @param generator the source of the masks
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or NaN, or {@code generator} is null
     */
    public Dropout(float p, Generator generator) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("Dropout: probability has to be between 0 and 1, got " + p);
        }
        if (generator == null) {
            throw new IllegalArgumentException("Dropout: a Generator is needed to draw the masks");
        }
        this.p = p;
        this.generator = generator;
    }

    /**
     * {@code nn.Dropout(p)}: masks drawn from the {@linkplain Generator#defaultGenerator() default generator}.
     *
     * @param p the probability of zeroing an element, in [0, 1]; 1 zeroes everything
     */
    public Dropout(float p) {
        this(p, Generator.defaultGenerator());
    }

    /** {@code nn.Dropout()}: p = 0.5, masks from the default generator. */
    public Dropout() {
        this(0.5f);
    }

    /** Drops elements in training mode; the identity in evaluation mode. Any shape; the output has the input's. */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.dropout(input, p, isTraining(), generator);
    }

    /**
     * The dropping probability.
     *
     * @return {@code p}, the probability of zeroing an element in training mode, in [0, 1]
     */
    public float p() {
        return p;
    }

    @Override
    protected String extraRepr() {
        return "p=" + p + ", inplace=False";
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
