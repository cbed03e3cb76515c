package dev.myelin.kernel;

import java.util.Arrays;

/**
 * The scalar twins of {@link ReductionKernels}. They run when the Vector API is absent, and tests and
 * benchmarks hold {@link VectorReductionKernels} to them.
 *
 * <p>Sums accumulate in double and visit the input in row-major order, so the result is deterministic
 * and does not drift for long reductions (a float accumulator loses about {@code n · 6e-8} relative in
 * the worst case, which for a million elements is no longer float precision).
 *
 * <p>{@code ReductionReference} (in the tests) is the obvious version of each of these that tests hold them to.
 */
public final class ScalarReductionKernels {
    private ScalarReductionKernels() {
    }

    /**
     * {@code out = scale · Σ x} over the dimensions flagged in {@code reduced}. {@code out} is the
     * row-major array of the kept dimensions (size 1 if all are reduced). An empty reduction gives 0
     * (times {@code scale}, so a mean over nothing is NaN, as in PyTorch).
     */
    public static void sum(float[] x, int xOff, int[] dims, boolean[] reduced, double scale, float[] out, int outOff) {
        ReductionLayout l = ReductionLayout.of(dims, reduced);
        double[] acc = new double[l.outSize()];
        int last = l.dims().length - 1;
        int runLength = l.dims()[last];
        boolean reduceRun = l.reduced()[last];
        int runs = runLength == 0 ? 0 : l.size() / runLength;
        int[] index = new int[last];
        int pos = 0; // position in acc of the current run's first element
        int in = xOff;
        for (int r = 0; r < runs; r++, in += runLength) {
            if (reduceRun) {
                double s = 0;
                for (int j = 0; j < runLength; j++) {
                    s += x[in + j];
                }
                acc[pos] += s;
            } else {
                for (int j = 0; j < runLength; j++) {
                    acc[pos + j] += x[in + j];
                }
            }
            pos = l.advance(index, pos);
        }
        for (int i = 0; i < acc.length; i++) {
            out[outOff + i] = (float) (acc[i] * scale);
        }
    }

    /**
     * The adjoint of {@link #sum}: {@code out[i] = scale · g[j(i)]}, where {@code j(i)} is the element
     * of the reduced array that input element {@code i} was summed into. {@code out} has shape {@code dims}.
     */
    public static void expand(float[] g, int gOff, int[] dims, boolean[] reduced, float scale, float[] out, int outOff) {
        ReductionLayout l = ReductionLayout.of(dims, reduced);
        int last = l.dims().length - 1;
        int runLength = l.dims()[last];
        boolean reduceRun = l.reduced()[last];
        int runs = runLength == 0 ? 0 : l.size() / runLength;
        int[] index = new int[last];
        int pos = gOff;
        int o = outOff;
        for (int r = 0; r < runs; r++, o += runLength) {
            if (reduceRun) {
                Arrays.fill(out, o, o + runLength, g[pos] * scale);
            } else {
                for (int j = 0; j < runLength; j++) {
                    out[o + j] = g[pos + j] * scale;
                }
            }
            pos = l.advance(index, pos);
        }
    }

    /**
     * Maximum along the middle axis of an {@code (outer, n, inner)} layout: {@code values[o, i]} is the
     * largest {@code x[o, k, i]} over {@code k} and {@code indices[o, i]} the first {@code k} where it
     * occurs. NaN counts as larger than every number, so the first NaN wins, as in PyTorch. Needs {@code n ≥ 1}.
     */
    public static void maxAxis(float[] x, int xOff, int outer, int n, int inner, float[] values, int valuesOff, int[] indices) {
        if (n < 1) {
            throw new IllegalArgumentException("maxAxis: the reduced axis is empty");
        }
        for (int o = 0; o < outer; o++) {
            int base = xOff + o * n * inner;
            int dst = o * inner;
            System.arraycopy(x, base, values, valuesOff + dst, inner);
            Arrays.fill(indices, dst, dst + inner, 0);
            for (int k = 1; k < n; k++) {
                int row = base + k * inner;
                for (int i = 0; i < inner; i++) {
                    float v = x[row + i];
                    float best = values[valuesOff + dst + i];
                    if (v > best || (v != v && best == best)) {
                        values[valuesOff + dst + i] = v;
                        indices[dst + i] = k;
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #maxAxis}'s selection: {@code out[o, indices[o, i], i] = g[o, i]}, zero elsewhere. */
    public static void scatterAxis(float[] g, int gOff, int[] indices, int outer, int n, int inner, float[] out, int outOff) {
        Arrays.fill(out, outOff, outOff + outer * n * inner, 0f);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int j = o * inner + i;
                out[outOff + (o * n + indices[j]) * inner + i] = g[gOff + j];
            }
        }
    }

    /** {@code Σ (a[i] - b[i])²} over {@code n} contiguous elements, accumulated in double. */
    public static double sumSquaredDifference(float[] a, int aOff, float[] b, int bOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) a[aOff + i] - b[bOff + i];
            s += d * d;
        }
        return s;
    }
}
