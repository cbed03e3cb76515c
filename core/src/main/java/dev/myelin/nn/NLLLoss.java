package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;

/**
 * The mean negative log-likelihood, as {@code torch.nn.NLLLoss} with the default mean reduction:
 * {@code loss = -(1/N) Σ_i logProbs[i, label_i]} for {@code logProbs (N, C)}; its gradient is
 * {@code -1/N} at each row's label and 0 elsewhere. After a {@link LogSoftmax}{@code (1)} it equals
 * {@link CrossEntropyLoss} on the logits. Only the mean reduction, and no class weights and no
 * {@code ignore_index}: every label must be a class.
 *
 * <p>Not a {@link Module}: it takes labels besides the input.
 */
public final class NLLLoss {
    /** Creates the loss. */
    public NLLLoss() {
    }

    /**
     * The mean loss over the batch.
     *
     * @param logProbs {@code (N, C)} log-probabilities, such as {@link LogSoftmax}{@code (1)} gives
     * @param labels   N class indices, each in {@code [0, C)}
     * @return a scalar tensor (shape {@code []}), recorded for backward when {@code logProbs} requires grad
     * @throws IllegalArgumentException if {@code logProbs} is not {@code (N, C)}, there are not N labels, or
     *                                  a label is out of range
     */
    public Tensor forward(Tensor logProbs, int[] labels) {
        return Functional.nllLoss(logProbs, labels);
    }

    @Override
    public String toString() {
        return "NLLLoss()";
    }
}
