package dev.myelin.kernel;

/**
 * The plain scalar twin of {@link Gemm}: the textbook triple loop, one dot product per element of C,
 * summed in order of {@code p}. Tests hold every fast GEMM to it.
 */
public final class GemmReference {
    private GemmReference() {
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        Gemm.checkArguments(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += aip * bpj;
                }
                int idx = cOff + i * ldc + j;
                c[idx] = accumulate ? c[idx] + sum : sum;
            }
        }
    }
}
