package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;

/**
 * The mean cross-entropy between logits and class labels, as {@code torch.nn.CrossEntropyLoss} with
 * the default mean reduction: {@code loss = -(1/N) Σ_i Σ_c t_ic · log softmax(x_i)_c}, where the target
 * {@code t_i} is one-hot on the label, or with label smoothing {@code s} (Szegedy et al., 2016,
 * "Rethinking the Inception Architecture") {@code (1 - s)·onehot + s/C}. The softmax is fused and
 * computed stably; the gradient with respect to the logits is {@code (softmax - t) / N}.
 *
 * <p>Not a {@link Module}: it takes labels besides the input.
 */
public final class CrossEntropyLoss {
    private final float labelSmoothing;

    /** Cross-entropy with label smoothing {@code s} in [0, 1] (PyTorch's default is 0). */
    public CrossEntropyLoss(float labelSmoothing) {
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f)) {
            throw new IllegalArgumentException("CrossEntropyLoss: label smoothing must be in [0, 1], got "
                    + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
    }

    /** Cross-entropy without label smoothing. */
    public CrossEntropyLoss() {
        this(0f);
    }

    /**
     * The mean loss, a scalar.
     *
     * @param logits {@code (N, C)} unnormalised scores
     * @param labels one class index in {@code [0, C)} per row
     */
    public Tensor forward(Tensor logits, int[] labels) {
        return Functional.crossEntropy(logits, labels, labelSmoothing);
    }

    /** The label smoothing. */
    public float labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss()";
    }
}
