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

    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
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
