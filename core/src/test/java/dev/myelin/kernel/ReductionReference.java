package dev.myelin.kernel;

/**
 * The plain scalar twins of {@link ReductionKernels}, written the obvious way: full multi-indices,
 * one element at a time. Tests hold the kernels to them.
 */
public final class ReductionReference {
    private ReductionReference() {
    }

    /** As {@link ReductionKernels#sum}: each input element, in row-major order, is added into its output slot. */
    public static void sum(float[] x, int xOff, int[] dims, boolean[] reduced, double scale, float[] out, int outOff) {
        int outSize = 1;
        int size = 1;
        for (int i = 0; i < dims.length; i++) {
            size *= dims[i];
            outSize *= reduced[i] ? 1 : dims[i];
        }
        double[] acc = new double[outSize];
        int[] index = new int[dims.length];
        for (int flat = 0; flat < size; flat++) {
            unravel(flat, dims, index);
            acc[outIndex(index, dims, reduced)] += x[xOff + flat];
        }
        for (int i = 0; i < outSize; i++) {
            out[outOff + i] = (float) (acc[i] * scale);
        }
    }

    /** As {@link ReductionKernels#expand}. */
    public static void expand(float[] g, int gOff, int[] dims, boolean[] reduced, float scale, float[] out, int outOff) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        int[] index = new int[dims.length];
        for (int flat = 0; flat < size; flat++) {
            unravel(flat, dims, index);
            out[outOff + flat] = g[gOff + outIndex(index, dims, reduced)] * scale;
        }
    }

    /** As {@link ReductionKernels#maxAxis}: each (o, i) scans its k in order. */
    public static void maxAxis(float[] x, int xOff, int outer, int n, int inner, float[] values, int valuesOff, int[] indices) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                for (int k = 0; k < n; k++) {
                    float v = x[xOff + (o * n + k) * inner + i];
                    float b = x[xOff + (o * n + best) * inner + i];
                    if (Float.isNaN(b)) {
                        break;
                    }
                    if (Float.isNaN(v) || v > b) {
                        best = k;
                    }
                }
                values[valuesOff + o * inner + i] = x[xOff + (o * n + best) * inner + i];
                indices[o * inner + i] = best;
            }
        }
    }

    private static void unravel(int flat, int[] dims, int[] index) {
        for (int d = dims.length - 1; d >= 0; d--) {
            index[d] = flat % dims[d];
            flat /= dims[d];
        }
    }

    private static int outIndex(int[] index, int[] dims, boolean[] reduced) {
        int j = 0;
        for (int d = 0; d < dims.length; d++) {
            if (!reduced[d]) {
                j = j * dims[d] + index[d];
            }
        }
        return j;
    }
}
