package dev.myelin.kernel;

/**
 * Reductions of a dense row-major array: sums over any set of dimensions (and their reverse, spreading
 * a reduced gradient back out), the maximum along one axis with its index, and the sum of squared
 * differences behind the mean-squared-error loss. Sums accumulate in double and are deterministic:
 * the same input gives the same bits whatever the thread count.
 *
 * <p>The work runs on {@link VectorReductionKernels} when the Vector API is available
 * ({@link VectorSupport}), else on {@link ScalarReductionKernels}. {@link #expand} and
 * {@link #scatterAxis} only move data (the JIT already vectorises their copy and scale loops), so
 * they always run the scalar code. {@code ReductionReference} (in the tests) is the obvious version of each kernel
 * that tests hold both paths to.
 */
public final class ReductionKernels {
    private ReductionKernels() {
    }

    /**
     * {@code out = scale · Σ x} over the dimensions flagged in {@code reduced}. {@code out} is the
     * row-major array of the kept dimensions (size 1 if all are reduced). An empty reduction gives 0
     * (times {@code scale}, so a mean over nothing is NaN, as in PyTorch).
     */
    public static void sum(float[] x, int xOff, int[] dims, boolean[] reduced, double scale, float[] out, int outOff) {
        if (VectorSupport.AVAILABLE) {
            VectorReductionKernels.sum(x, xOff, dims, reduced, scale, out, outOff);
        } else {
            ScalarReductionKernels.sum(x, xOff, dims, reduced, scale, out, outOff);
        }
    }

    /**
     * The adjoint of {@link #sum}: {@code out[i] = scale · g[j(i)]}, where {@code j(i)} is the element
     * of the reduced array that input element {@code i} was summed into. {@code out} has shape {@code dims}.
     */
    public static void expand(float[] g, int gOff, int[] dims, boolean[] reduced, float scale, float[] out, int outOff) {
        ScalarReductionKernels.expand(g, gOff, dims, reduced, scale, out, outOff);
    }

    /**
     * Maximum along the middle axis of an {@code (outer, n, inner)} layout: {@code values[o, i]} is the
     * largest {@code x[o, k, i]} over {@code k} and {@code indices[o, i]} the first {@code k} where it
     * occurs. NaN counts as larger than every number, so the first NaN wins, as in PyTorch. Needs {@code n ≥ 1}.
     */
    public static void maxAxis(float[] x, int xOff, int outer, int n, int inner, float[] values, int valuesOff, int[] indices) {
        if (VectorSupport.AVAILABLE) {
            VectorReductionKernels.maxAxis(x, xOff, outer, n, inner, values, valuesOff, indices);
        } else {
            ScalarReductionKernels.maxAxis(x, xOff, outer, n, inner, values, valuesOff, indices);
        }
    }

    /** The adjoint of {@link #maxAxis}'s selection: {@code out[o, indices[o, i], i] = g[o, i]}, zero elsewhere. */
    public static void scatterAxis(float[] g, int gOff, int[] indices, int outer, int n, int inner, float[] out, int outOff) {
        ScalarReductionKernels.scatterAxis(g, gOff, indices, outer, n, inner, out, outOff);
    }

    /** {@code Σ (a[i] - b[i])²} over {@code n} contiguous elements, accumulated in double. */
    public static double sumSquaredDifference(float[] a, int aOff, float[] b, int bOff, int n) {
        return VectorSupport.AVAILABLE
                ? VectorReductionKernels.sumSquaredDifference(a, aOff, b, bOff, n)
                : ScalarReductionKernels.sumSquaredDifference(a, aOff, b, bOff, n);
    }
}
