package dev.myelin.kernel;

/**
 * The plain scalar twins of {@link SoftmaxKernels}, written the obvious way: each row along the axis
 * is gathered into its own array and handled on its own. Tests hold the kernels to them.
 */
public final class SoftmaxReference {
    private SoftmaxReference() {
    }

    public static void softmax(float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                float[] row = gather(x, xOff, o, n, inner, i);
                double max = max(row);
                double sum = 0;
                for (float v : row) {
                    sum += Math.exp(v - max);
                }
                for (int k = 0; k < n; k++) {
                    out[outOff + (o * n + k) * inner + i] = (float) ((float) Math.exp(row[k] - max) / sum);
                }
            }
        }
    }

    public static void logSoftmax(float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                float[] row = gather(x, xOff, o, n, inner, i);
                double max = max(row);
                double sum = 0;
                for (float v : row) {
                    sum += Math.exp(v - max);
                }
                double logSumExp = max + Math.log(sum);
                for (int k = 0; k < n; k++) {
                    out[outOff + (o * n + k) * inner + i] = (float) (row[k] - logSumExp);
                }
            }
        }
    }

    public static void softmaxBackward(float[] y, int yOff, float[] g, int gOff, int outer, int n, int inner,
            float[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                float[] yr = gather(y, yOff, o, n, inner, i);
                float[] gr = gather(g, gOff, o, n, inner, i);
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += (double) gr[k] * yr[k];
                }
                for (int k = 0; k < n; k++) {
                    out[outOff + (o * n + k) * inner + i] = (float) (yr[k] * (gr[k] - dot));
                }
            }
        }
    }

    public static void logSoftmaxBackward(float[] y, int yOff, float[] g, int gOff, int outer, int n, int inner,
            float[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                float[] yr = gather(y, yOff, o, n, inner, i);
                float[] gr = gather(g, gOff, o, n, inner, i);
                double total = 0;
                for (float v : gr) {
                    total += v;
                }
                for (int k = 0; k < n; k++) {
                    out[outOff + (o * n + k) * inner + i] = (float) (gr[k] - Math.exp(yr[k]) * total);
                }
            }
        }
    }

    /** As {@link SoftmaxKernels#crossEntropyForward}, with the target spelled out as a dense row. */
    public static double crossEntropyForward(float[] logits, int logitsOff, int rows, int classes, int[] labels,
            float smoothing, float[] logProbs, int logProbsOff) {
        logSoftmax(logits, logitsOff, rows, classes, 1, logProbs, logProbsOff);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double[] target = target(classes, labels[r], smoothing);
            for (int c = 0; c < classes; c++) {
                if (target[c] != 0) {
                    total -= target[c] * logProbs[logProbsOff + r * classes + c];
                }
            }
        }
        return total;
    }

    public static void crossEntropyBackward(float[] logProbs, int logProbsOff, int rows, int classes, int[] labels,
            float smoothing, float scale, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            double[] target = target(classes, labels[r], smoothing);
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(logProbs[logProbsOff + r * classes + c]);
                out[outOff + r * classes + c] = (float) (scale * (p - target[c]));
            }
        }
    }

    private static double[] target(int classes, int label, float smoothing) {
        double[] t = new double[classes];
        for (int c = 0; c < classes; c++) {
            t[c] = (double) smoothing / classes + (c == label ? 1.0 - smoothing : 0.0);
        }
        return t;
    }

    private static float[] gather(float[] x, int off, int o, int n, int inner, int i) {
        float[] row = new float[n];
        for (int k = 0; k < n; k++) {
            row[k] = x[off + (o * n + k) * inner + i];
        }
        return row;
    }

    private static float max(float[] row) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : row) {
            m = Math.max(m, v);
        }
        return m;
    }
}
