package dev.myelin.kernel;

import java.util.Arrays;

/**
 * The GEMM used when the Vector API is not available: plain Java, but in the cache-friendly
 * {@code i-p-j} order so that the inner loop runs along contiguous rows of B and C (which the JIT
 * may still auto-vectorise). Each element of C sums its products in order of {@code p}.
 */
final class ScalarGemm {
    private ScalarGemm() {
    }

    /**
     * {@code C = op(A) op(B)} (or {@code C += ...} with {@code accumulate}) as {@link Gemm#sgemm}, which has
     * checked the arguments.
     *
     * @param m          rows of op(A) and of C
     * @param n          columns of op(B) and of C
     * @param k          the length of each sum
     * @param matA       op(A), {@code m x k}
     * @param matB       op(B), {@code k x n}
     * @param matC       C, {@code m x n}
     * @param accumulate whether to add the product to C rather than overwrite C
     */
    static void sgemm(int m, int n, int k, Matrix matA, Matrix matB, Matrix matC, boolean accumulate) {
        boolean transA = matA.transposed();
        boolean transB = matB.transposed();
        float[] a = matA.data();
        float[] b = matB.data();
        float[] c = matC.data();
        int aOff = matA.offset(), lda = matA.stride();
        int bOff = matB.offset(), ldb = matB.stride();
        int cOff = matC.offset(), ldc = matC.stride();
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (!transB) {
                    int bRow = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bRow + j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bOff + j * ldb + p];
                    }
                }
            }
        }
    }
}
