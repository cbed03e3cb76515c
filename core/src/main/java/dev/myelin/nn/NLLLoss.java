package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;

/**
 * The mean negative log-likelihood, as {@code torch.nn.NLLLoss} with the default mean reduction:
 * {@code loss = -(1/N) Σ_i logProbs[i, label_i]}. After a {@link LogSoftmax}{@code (1)} it equals
 * {@link CrossEntropyLoss} on the logits.
 *
 * <p>Not a {@link Module}: it takes labels besides the input.
 */
public final class NLLLoss {
    /** Creates the loss. */
    public NLLLoss() {
    }

    /**
     * The mean loss, a scalar.
     *
     * @param logProbs {@code (N, C)} log-probabilities
     * @param labels   one class index in {@code [0, C)} per row
     */
    public Tensor forward(Tensor logProbs, int[] labels) {
        return Functional.nllLoss(logProbs, labels);
    }

    @Override
    public String toString() {
        return "NLLLoss()";
    }
}
