package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;

/**
 * The mean cross-entropy between logits and class labels, as {@code torch.nn.CrossEntropyLoss} with
 * the default mean reduction:
 *
 * <pre>
 *   loss = -(1/N) Σ_i Σ_c t_ic · log softmax(x_i)_c
 * </pre>
 *
 * for logits {@code x (N, C)}, where the target {@code t_i} is one-hot on label {@code i}, or with label
 * smoothing {@code s} (Szegedy, Vanhoucke, Ioffe, Shlens and Wojna, 2016, "Rethinking the Inception
 * Architecture for Computer Vision", arXiv:1512.00567) {@code t_i = (1 - s)·onehot(label_i) + s/C}: the
 * true class gets {@code 1 - s + s/C}, every other class {@code s/C}. The softmax is fused and computed
 * stably (log-sum-exp); the gradient with respect to the logits is {@code (softmax(x) - t) / N}.
 *
 * <p>Only the mean reduction, and no class weights and no {@code ignore_index}: every label must be a
 * class (PyTorch's default {@code ignore_index=-100} never matches a valid label, so the results agree).
 * An empty batch gives NaN, as in PyTorch.
 *
 * <p>Not a {@link Module}: it takes labels besides the input.
 */
public final class CrossEntropyLoss {
    private final float labelSmoothing;

    /**
     * {@code nn.CrossEntropyLoss(label_smoothing=s)}.
     *
     * @param labelSmoothing {@code s}, the share of the target spread evenly over all C classes, in [0, 1];
     *                       0 is plain cross-entropy (PyTorch's default), 0.1 is the paper's choice
     * @throws IllegalArgumentException if {@code labelSmoothing} is outside [0, 1] or NaN
     */
    public CrossEntropyLoss(float labelSmoothing) {
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f)) {
            throw new IllegalArgumentException("CrossEntropyLoss: label smoothing must be in [0, 1], got "
                    + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
    }

    /** {@code nn.CrossEntropyLoss()}: cross-entropy without label smoothing. */
    public CrossEntropyLoss() {
        this(0f);
    }

    /**
     * The mean loss over the batch.
     *
     * @param logits {@code (N, C)} unnormalised scores, before any softmax
     * @param labels N class indices, each in {@code [0, C)}; copied, so the array may be reused
     * @return a scalar tensor (shape {@code []}), recorded for backward when the logits require grad
     * @throws IllegalArgumentException if the logits are not {@code (N, C)}, there are not N labels, or a
     *                                  label is out of range
     */
    public Tensor forward(Tensor logits, int[] labels) {
        return Functional.crossEntropy(logits, labels, labelSmoothing);
    }

    /**
     * The label smoothing.
     *
     * @return {@code s}, in [0, 1]; 0 without smoothing
     */
    public float labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss()";
    }
}
