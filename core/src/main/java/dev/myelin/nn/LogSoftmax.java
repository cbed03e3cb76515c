package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * Log-softmax {@code x_i - log Σ_j e^x_j}, computed stably with log-sum-exp, along dimension {@code dim},
 * as {@code torch.nn.LogSoftmax(dim)}; pair it with {@link NLLLoss}. Any shape; the output has the
 * input's shape.
 */
public final class LogSoftmax extends Module {
    private final int dim;

    /**
     * {@code nn.LogSoftmax(dim)}.
     *
     * @param dim the dimension normalised: 1 for the classes of {@code (N, C)} logits; negative counts from
     *            the end; checked against each input's rank
     */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    /** Applies the function along {@code dim}. */
    @Override
    public Tensor forward(Tensor input) {
        return input.logSoftmax(dim);
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
