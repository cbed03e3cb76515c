package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = A Bᵀ} for a small C and a long K, as one dot product of two K-long rows per element: the
 * weight gradient of a convolution with few input channels, image by image ({@link ShortPatchGradients}:
 * a band of the reference CNN's first layer's 32 x 9 outputs over one image's 784 positions). GEMM
 * would pack Bᵀ by gathering, and with so few rows could not keep both threads busy.
 *
 * <p>Blocks of {@link #ROWS} rows of A meet blocks of {@link #COLS} rows of B, with one vector
 * accumulator per pair, while K is walked in {@link #KB}-long slices that stay in L1. Each thread
 * takes a contiguous run of row blocks and keeps its accumulators across the slices, so that B is read
 * from memory once per thread rather than once per row block. Every element is computed the same way
 * whichever thread and block shape handles it: vector lanes over whole vectors of K in order, the
 * lanes added left to right, then the leftover K with scalar FMAs; results are bit-identical with any
 * thread count.
 */
final class VectorRowDots {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int ROWS = 4;
    private static final int COLS = 3;
    /** K slice: 4 + 3 rows of 1024 floats (28 KiB) fit L1. */
    private static final int KB = 1024;

    private VectorRowDots() {
    }

    /**
     * {@code C = A Bᵀ} as {@link Gemm#rowDots}, which has checked the arguments.
     *
     * @param m rows of A and of C
     * @param n rows of B, columns of C
     * @param k the length of each dot product
     * @param a A, {@code m x k}, not transposed
     * @param b B as stored, {@code n x k}, marked transposed
     * @param c C, {@code m x n}; overwritten
     */
    static void abT(int m, int n, int k, Matrix a, Matrix b, Matrix c) {
        int rowBlocks = (m + ROWS - 1) / ROWS;
        int threads = Math.min(Parallel.threadsHere(), rowBlocks);
        Parallel.forRange(threads, t -> {
            int first = rowBlocks * t / threads * ROWS;
            int end = Math.min(m, rowBlocks * (t + 1) / threads * ROWS);
            rows(first, end, n, k, a, b, c);
        });
    }

    /** Rows {@code [first, end)} of C; the accumulators of every element live in {@code acc} between K slices. */
    private static void rows(int first, int end, int n, int k, Matrix matA, Matrix matB, Matrix matC) {
        float[] a = matA.data();
        float[] b = matB.data();
        float[] c = matC.data();
        int aOff = matA.offset(), lda = matA.stride();
        int bOff = matB.offset(), ldb = matB.stride();
        int cOff = matC.offset(), ldc = matC.stride();
        int vectorK = k - k % L;
        float[] acc = new float[(end - first) * n * L];
        for (int k0 = 0; k0 < vectorK; k0 += KB) {
            int k1 = Math.min(vectorK, k0 + KB);
            for (int i = first; i < end; i += ROWS) {
                for (int j = 0; j < n; j += COLS) {
                    if (i + ROWS <= end && j + COLS <= n) {
                        block4x3(a, aOff + i * lda, lda, b, bOff + j * ldb, ldb, k0, k1, acc, ((i - first) * n + j) * L, n * L);
                    } else {
                        for (int ii = i; ii < Math.min(i + ROWS, end); ii++) {
                            for (int jj = j; jj < Math.min(j + COLS, n); jj++) {
                                single(a, aOff + ii * lda, b, bOff + jj * ldb, k0, k1, acc, ((ii - first) * n + jj) * L);
                            }
                        }
                    }
                }
            }
        }
        float[] lanes = new float[L];
        for (int i = first; i < end; i++) {
            for (int j = 0; j < n; j++) {
                System.arraycopy(acc, ((i - first) * n + j) * L, lanes, 0, L);
                float sum = 0f;
                for (int l = 0; l < L; l++) {
                    sum += lanes[l];
                }
                for (int p = vectorK; p < k; p++) {
                    sum = Math.fma(a[aOff + i * lda + p], b[bOff + j * ldb + p], sum);
                }
                c[cOff + i * ldc + j] = sum;
            }
        }
    }

    /** Twelve dot products over {@code [k0, k1)}: rows a0..a3 against b0..b2, accumulators at {@code acc[at + (r*n + s)*L]}. */
    private static void block4x3(float[] a, int a0, int lda, float[] b, int b0, int ldb, int k0, int k1,
            float[] acc, int at, int rowStride) {
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        int b1 = b0 + ldb, b2 = b1 + ldb;
        int r1 = at + rowStride, r2 = r1 + rowStride, r3 = r2 + rowStride;
        FloatVector c00 = FloatVector.fromArray(S, acc, at), c01 = FloatVector.fromArray(S, acc, at + L), c02 = FloatVector.fromArray(S, acc, at + 2 * L);
        FloatVector c10 = FloatVector.fromArray(S, acc, r1), c11 = FloatVector.fromArray(S, acc, r1 + L), c12 = FloatVector.fromArray(S, acc, r1 + 2 * L);
        FloatVector c20 = FloatVector.fromArray(S, acc, r2), c21 = FloatVector.fromArray(S, acc, r2 + L), c22 = FloatVector.fromArray(S, acc, r2 + 2 * L);
        FloatVector c30 = FloatVector.fromArray(S, acc, r3), c31 = FloatVector.fromArray(S, acc, r3 + L), c32 = FloatVector.fromArray(S, acc, r3 + 2 * L);
        for (int p = k0; p < k1; p += L) {
            FloatVector y0 = FloatVector.fromArray(S, b, b0 + p);
            FloatVector y1 = FloatVector.fromArray(S, b, b1 + p);
            FloatVector y2 = FloatVector.fromArray(S, b, b2 + p);
            FloatVector x = FloatVector.fromArray(S, a, a0 + p);
            c00 = x.fma(y0, c00); c01 = x.fma(y1, c01); c02 = x.fma(y2, c02);
            x = FloatVector.fromArray(S, a, a1 + p);
            c10 = x.fma(y0, c10); c11 = x.fma(y1, c11); c12 = x.fma(y2, c12);
            x = FloatVector.fromArray(S, a, a2 + p);
            c20 = x.fma(y0, c20); c21 = x.fma(y1, c21); c22 = x.fma(y2, c22);
            x = FloatVector.fromArray(S, a, a3 + p);
            c30 = x.fma(y0, c30); c31 = x.fma(y1, c31); c32 = x.fma(y2, c32);
        }
        c00.intoArray(acc, at); c01.intoArray(acc, at + L); c02.intoArray(acc, at + 2 * L);
        c10.intoArray(acc, r1); c11.intoArray(acc, r1 + L); c12.intoArray(acc, r1 + 2 * L);
        c20.intoArray(acc, r2); c21.intoArray(acc, r2 + L); c22.intoArray(acc, r2 + 2 * L);
        c30.intoArray(acc, r3); c31.intoArray(acc, r3 + L); c32.intoArray(acc, r3 + 2 * L);
    }

    /** One dot product over {@code [k0, k1)}, lane for lane as {@link #block4x3} computes it. */
    private static void single(float[] a, int a0, float[] b, int b0, int k0, int k1, float[] acc, int at) {
        FloatVector sum = FloatVector.fromArray(S, acc, at);
        for (int p = k0; p < k1; p += L) {
            sum = FloatVector.fromArray(S, a, a0 + p).fma(FloatVector.fromArray(S, b, b0 + p), sum);
        }
        sum.intoArray(acc, at);
    }
}
