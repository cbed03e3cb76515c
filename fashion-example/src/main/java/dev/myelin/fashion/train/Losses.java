package dev.myelin.fashion.train;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;

/** The training loss of each preset: cross-entropy, except the linear SVM's multiclass hinge. */
final class Losses {
    private Losses() {
    }

    /** A loss of a batch of logits {@code (N, C)} against their labels: a scalar, averaged over the batch. */
    @FunctionalInterface
    interface Loss {
        Tensor of(Tensor logits, int[] labels);
    }

    static Loss forPreset(ModelPreset preset) {
        return preset == ModelPreset.SVM ? Losses::multiclassHinge : Functional::crossEntropy;
    }

    /** The loss that training minimises: the preset's, with label smoothing when it is cross-entropy. */
    static Loss forTraining(ModelPreset preset, double labelSmoothing) {
        if (preset == ModelPreset.SVM || labelSmoothing == 0) {
            return forPreset(preset);
        }
        float smoothing = (float) labelSmoothing;
        return (logits, labels) -> Functional.crossEntropy(logits, labels, smoothing);
    }

    /**
     * The Crammer–Singer multiclass hinge loss (Crammer and Singer, 2001), averaged over the batch:
     *
     * <pre>
     *   L_i = max_j (s_ij + Δ_ij) − s_i,y_i      Δ_ij = 1 for j ≠ y_i, 0 for j = y_i
     * </pre>
     *
     * It is zero once the true class's score beats every other by a margin of 1, and otherwise grows
     * with the worst violator. The j = y_i term makes the max at least s_i,y_i, so L_i ≥ 0 without a
     * ReLU. Built from differentiable ops: its gradient is +1 at the worst violator and −1 at the true
     * class (the two cancel when the margin holds).
     */
    static Tensor multiclassHinge(Tensor logits, int[] labels) {
        int n = logits.dim(0);
        int classes = logits.dim(1);
        float[] margins = new float[n * classes];
        float[] oneHot = new float[n * classes];
        java.util.Arrays.fill(margins, 1f);
        for (int i = 0; i < n; i++) {
            margins[i * classes + labels[i]] = 0f;
            oneHot[i * classes + labels[i]] = 1f;
        }
        Tensor worst = logits.add(Tensor.of(margins, n, classes)).max(1, false).values();
        Tensor truth = logits.mul(Tensor.of(oneHot, n, classes)).sum(1);
        return worst.sub(truth).mean();
    }
}
