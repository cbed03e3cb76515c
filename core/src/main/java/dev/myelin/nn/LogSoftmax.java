package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * Log-softmax {@code x_i - log Σ_j e^x_j}, computed stably with log-sum-exp, along dimension {@code dim},
 * as {@code torch.nn.LogSoftmax(dim)}; pair it with {@link NLLLoss}. Any shape; the output has the
 * input's shape.
 */
public final class LogSoftmax extends Module {
    private final int dim;

    /** Normalises along {@code dim} (negative counts from the end; 1 for the classes of {@code (N, C)} logits). */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    /** Applies the function along {@code dim}. */
    @Override
    public Tensor forward(Tensor input) {
        return input.logSoftmax(dim);
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
