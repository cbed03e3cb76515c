package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * Softmax {@code e^x_i / Σ_j e^x_j}, computed stably (the maximum is subtracted first), along dimension
 * {@code dim}, as {@code torch.nn.Softmax(dim)}. Any shape; the output has the input's shape.
 */
public final class Softmax extends Module {
    private final int dim;

    /** Normalises along {@code dim} (negative counts from the end; 1 for the classes of {@code (N, C)} logits). */
    public Softmax(int dim) {
        this.dim = dim;
    }

    /** Applies the function along {@code dim}. */
    @Override
    public Tensor forward(Tensor input) {
        return input.softmax(dim);
    }

    /** The dimension normalised (negative counts from the end). */
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
