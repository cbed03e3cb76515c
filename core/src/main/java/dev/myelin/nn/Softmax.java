package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * Softmax {@code e^x_i / Σ_j e^x_j}, computed stably (the maximum is subtracted first), along dimension
 * {@code dim}, as {@code torch.nn.Softmax(dim)}. Any shape; the output has the input's shape.
 */
public final class Softmax extends Module {
    private final int dim;

    /**
     * {@code nn.Softmax(dim)}.
     *
     * @param dim the dimension normalised: 1 for the classes of {@code (N, C)} logits; negative counts from
     *            the end; checked against each input's rank
     */
    public Softmax(int dim) {
        this.dim = dim;
    }

    /** Applies the function along {@code dim}. */
    @Override
    public Tensor forward(Tensor input) {
        return input.softmax(dim);
    }

    /**
     * The dimension normalised.
     *
     * @return {@code dim}, as given (negative counts from the end)
     */
    public int dim() {
        return dim;
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
