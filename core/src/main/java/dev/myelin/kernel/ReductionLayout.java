package dev.myelin.kernel;

import java.util.Arrays;

/**
 * The dimensions with size-1 ones dropped and neighbours of the same kind (reduced or kept) merged,
 * so that the innermost group is one contiguous run. {@code outStride} is each group's stride in
 * the reduced array (0 for a reduced group).
 */
record ReductionLayout(int[] dims, boolean[] reduced, int[] outStride, int size, int outSize) {
    static ReductionLayout of(int[] dims, boolean[] reduced) {
        if (dims.length != reduced.length) {
            throw new IllegalArgumentException("reduction: " + dims.length + " dimensions but " + reduced.length + " flags");
        }
        int[] d = new int[dims.length + 1];
        boolean[] r = new boolean[dims.length + 1];
        int m = 0;
        int size = 1;
        int outSize = 1;
        for (int i = 0; i < dims.length; i++) {
            size *= dims[i];
            if (!reduced[i]) {
                outSize *= dims[i];
            }
            if (dims[i] == 1) {
                continue;
            }
            if (m > 0 && r[m - 1] == reduced[i]) {
                d[m - 1] *= dims[i];
            } else {
                d[m] = dims[i];
                r[m] = reduced[i];
                m++;
            }
        }
        if (m == 0) { // every dimension has size 1 (or there are none): a single kept element
            d[0] = 1;
            m = 1;
        }
        d = Arrays.copyOf(d, m);
        r = Arrays.copyOf(r, m);
        int[] stride = new int[m];
        int s = 1;
        for (int i = m - 1; i >= 0; i--) {
            stride[i] = r[i] ? 0 : s;
            s *= r[i] ? 1 : d[i];
        }
        return new ReductionLayout(d, r, stride, size, outSize);
    }

    /** Moves the odometer over all groups but the innermost one step on; returns the new position. */
    int advance(int[] index, int pos) {
        for (int k = index.length - 1; k >= 0; k--) {
            index[k]++;
            pos += outStride[k];
            if (index[k] < dims[k]) {
                return pos;
            }
            pos -= outStride[k] * dims[k];
            index[k] = 0;
        }
        return pos;
    }
}
