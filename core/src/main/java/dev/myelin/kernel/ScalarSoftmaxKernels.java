package dev.myelin.kernel;

import java.util.Arrays;

/**
 * The scalar twins of {@link SoftmaxKernels}. They run when the Vector API is absent, and tests and
 * benchmarks hold {@link VectorSoftmaxKernels} to them.
 *
 * <p>Every row is shifted by its maximum before exponentiating, so no exponent is positive and nothing
 * overflows. Exponentials and sums are computed in double. When {@code inner > 1} the axis is strided;
 * the loops then walk {@code inner} rows side by side, so memory is still read in order.
 * {@code SoftmaxReference} (in the tests) is the obvious row-by-row version that tests hold these to.
 */
public final class ScalarSoftmaxKernels {
    private ScalarSoftmaxKernels() {
    }

    /** {@code out = exp(x - max) / Σ exp(x - max)} along the axis. */
    public static void softmax(float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        double[] max = new double[inner];
        double[] sum = new double[inner];
        for (int o = 0; o < outer; o++) {
            int in = xOff + o * n * inner;
            int dst = outOff + o * n * inner;
            rowMax(x, in, n, inner, max);
            Arrays.fill(sum, 0.0);
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) {
                    double e = Math.exp(x[in + k * inner + i] - max[i]);
                    out[dst + k * inner + i] = (float) e;
                    sum[i] += e;
                }
            }
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) {
                    // Divide the float exponential by the double sum; the shifted exponentials lie in (0, 1].
                    out[dst + k * inner + i] = (float) (out[dst + k * inner + i] / sum[i]);
                }
            }
        }
    }

    /** {@code out = x - max - log Σ exp(x - max)} along the axis. */
    public static void logSoftmax(float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        double[] shift = new double[inner];
        double[] sum = new double[inner];
        for (int o = 0; o < outer; o++) {
            int in = xOff + o * n * inner;
            int dst = outOff + o * n * inner;
            rowMax(x, in, n, inner, shift);
            Arrays.fill(sum, 0.0);
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) {
                    sum[i] += Math.exp(x[in + k * inner + i] - shift[i]);
                }
            }
            for (int i = 0; i < inner; i++) {
                shift[i] += Math.log(sum[i]);
            }
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) {
                    out[dst + k * inner + i] = (float) (x[in + k * inner + i] - shift[i]);
                }
            }
        }
    }

    /** Softmax backward from the output y: {@code dx = y (g - Σ g y)} along the axis. */
    public static void softmaxBackward(float[] y, int yOff, float[] g, int gOff, int outer, int n, int inner,
            float[] out, int outOff) {
        double[] dot = new double[inner];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            Arrays.fill(dot, 0.0);
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) {
                    int j = base + k * inner + i;
                    dot[i] += (double) g[gOff + j] * y[yOff + j];
                }
            }
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) {
                    int j = base + k * inner + i;
                    out[outOff + j] = (float) (y[yOff + j] * (g[gOff + j] - dot[i]));
                }
            }
        }
    }

    /** Log-softmax backward from the output y: {@code dx = g - exp(y) Σ g} along the axis. */
    public static void logSoftmaxBackward(float[] y, int yOff, float[] g, int gOff, int outer, int n, int inner,
            float[] out, int outOff) {
        double[] total = new double[inner];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            Arrays.fill(total, 0.0);
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) {
                    total[i] += g[gOff + base + k * inner + i];
                }
            }
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < inner; i++) {
                    int j = base + k * inner + i;
                    out[outOff + j] = (float) (g[gOff + j] - Math.exp(y[yOff + j]) * total[i]);
                }
            }
        }
    }

    /**
     * Cross-entropy of each row of {@code logits (rows, classes)} against the smoothed target
     * {@code t = (1 - s)·onehot(label) + s/classes}: writes the row log-softmax into {@code logProbs}
     * and returns the total loss {@code Σ_rows -Σ_c t_c log p_c}. Labels must already be valid.
     */
    public static double crossEntropyForward(float[] logits, int logitsOff, int rows, int classes, int[] labels,
            float smoothing, float[] logProbs, int logProbsOff) {
        logSoftmax(logits, logitsOff, rows, classes, 1, logProbs, logProbsOff);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int row = logProbsOff + r * classes;
            double loss = 0;
            // Each term is skipped when its weight is 0, so that a -inf log-probability the target
            // does not look at gives 0, not 0 · -inf = NaN.
            if (smoothing != 1f) {
                loss -= (1.0 - smoothing) * logProbs[row + labels[r]];
            }
            if (smoothing != 0f) {
                double all = 0;
                for (int c = 0; c < classes; c++) {
                    all += logProbs[row + c];
                }
                loss -= smoothing * all / classes;
            }
            total += loss;
        }
        return total;
    }

    /** Cross-entropy backward: {@code out = scale · (softmax - t)}, from the log-probabilities of the forward pass. */
    public static void crossEntropyBackward(float[] logProbs, int logProbsOff, int rows, int classes, int[] labels,
            float smoothing, float scale, float[] out, int outOff) {
        double uniform = (double) smoothing / classes;
        for (int r = 0; r < rows; r++) {
            int row = r * classes;
            for (int c = 0; c < classes; c++) {
                double target = uniform + (c == labels[r] ? 1.0 - smoothing : 0.0);
                out[outOff + row + c] = (float) (scale * (Math.exp(logProbs[logProbsOff + row + c]) - target));
            }
        }
    }

    private static void rowMax(float[] x, int in, int n, int inner, double[] max) {
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < inner; i++) {
                max[i] = Math.max(max[i], x[in + k * inner + i]);
            }
        }
    }
}
