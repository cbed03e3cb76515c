package dev.myelin.kernel;

/**
 * Softmax and log-softmax along the middle axis of an {@code (outer, n, inner)} row-major layout, their
 * backward passes, and the fused cross-entropy loss over the rows of an {@code (rows, classes)} matrix.
 * Every row is shifted by its maximum before exponentiating, so nothing overflows.
 *
 * <p>The work runs on {@link VectorSoftmaxKernels} when the Vector API is available
 * ({@link VectorSupport}) and the array has at least {@link #VECTOR_MIN} elements, else on
 * {@link ScalarSoftmaxKernels}. {@code SoftmaxReference} (in the tests) is the
 * obvious row-by-row version that tests hold both to.
 */
public final class SoftmaxKernels {
    /**
     * Below this many elements the scalar twin runs even when the Vector API is there: the vector
     * path's sweeps cost a few microseconds whatever the size, which is all the work of, say, a
     * 64x10 batch (measured equal there).
     */
    static final int VECTOR_MIN = 1 << 12;

    private SoftmaxKernels() {
    }

    private static boolean vector(long size) {
        return VectorSupport.AVAILABLE && size >= VECTOR_MIN;
    }

    /** {@code out = exp(x - max) / Σ exp(x - max)} along the axis. */
    public static void softmax(float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        if (vector((long) outer * n * inner)) {
            VectorSoftmaxKernels.softmax(x, xOff, outer, n, inner, out, outOff);
        } else {
            ScalarSoftmaxKernels.softmax(x, xOff, outer, n, inner, out, outOff);
        }
    }

    /** {@code out = x - max - log Σ exp(x - max)} along the axis. */
    public static void logSoftmax(float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        if (vector((long) outer * n * inner)) {
            VectorSoftmaxKernels.logSoftmax(x, xOff, outer, n, inner, out, outOff);
        } else {
            ScalarSoftmaxKernels.logSoftmax(x, xOff, outer, n, inner, out, outOff);
        }
    }

    /** Softmax backward from the output y: {@code dx = y (g - Σ g y)} along the axis. */
    public static void softmaxBackward(float[] y, int yOff, float[] g, int gOff, int outer, int n, int inner,
            float[] out, int outOff) {
        if (vector((long) outer * n * inner)) {
            VectorSoftmaxKernels.softmaxBackward(y, yOff, g, gOff, outer, n, inner, out, outOff);
        } else {
            ScalarSoftmaxKernels.softmaxBackward(y, yOff, g, gOff, outer, n, inner, out, outOff);
        }
    }

    /** Log-softmax backward from the output y: {@code dx = g - exp(y) Σ g} along the axis. */
    public static void logSoftmaxBackward(float[] y, int yOff, float[] g, int gOff, int outer, int n, int inner,
            float[] out, int outOff) {
        if (vector((long) outer * n * inner)) {
            VectorSoftmaxKernels.logSoftmaxBackward(y, yOff, g, gOff, outer, n, inner, out, outOff);
        } else {
            ScalarSoftmaxKernels.logSoftmaxBackward(y, yOff, g, gOff, outer, n, inner, out, outOff);
        }
    }

    /**
     * Cross-entropy of each row of {@code logits (rows, classes)} against the smoothed target
     * {@code t = (1 - s)·onehot(label) + s/classes}: writes the row log-softmax into {@code logProbs}
     * and returns the total loss {@code Σ_rows -Σ_c t_c log p_c}. Labels must already be valid.
     */
    public static double crossEntropyForward(float[] logits, int logitsOff, int rows, int classes, int[] labels,
            float smoothing, float[] logProbs, int logProbsOff) {
        return vector((long) rows * classes)
                ? VectorSoftmaxKernels.crossEntropyForward(logits, logitsOff, rows, classes, labels, smoothing, logProbs, logProbsOff)
                : ScalarSoftmaxKernels.crossEntropyForward(logits, logitsOff, rows, classes, labels, smoothing, logProbs, logProbsOff);
    }

    /** Cross-entropy backward: {@code out = scale · (softmax - t)}, from the log-probabilities of the forward pass. */
    public static void crossEntropyBackward(float[] logProbs, int logProbsOff, int rows, int classes, int[] labels,
            float smoothing, float scale, float[] out, int outOff) {
        if (vector((long) rows * classes)) {
            VectorSoftmaxKernels.crossEntropyBackward(logProbs, logProbsOff, rows, classes, labels, smoothing, scale, out, outOff);
        } else {
            ScalarSoftmaxKernels.crossEntropyBackward(logProbs, logProbsOff, rows, classes, labels, smoothing, scale, out, outOff);
        }
    }
}
