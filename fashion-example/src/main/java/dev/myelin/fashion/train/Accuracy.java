package dev.myelin.fashion.train;

import dev.myelin.tensor.Tensor;

/** Counting right answers from a batch of logits. */
final class Accuracy {
    private Accuracy() {
    }

    /** How many rows of {@code logits (N, C)} have their largest score at the label. */
    static int correct(Tensor logits, int[] labels) {
        float[] v = logits.array();
        int off = logits.arrayOffset();
        int classes = logits.dim(1);
        int correct = 0;
        for (int row = 0; row < labels.length; row++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (v[off + row * classes + c] > v[off + row * classes + best]) {
                    best = c;
                }
            }
            if (best == labels[row]) {
                correct++;
            }
        }
        return correct;
    }
}
