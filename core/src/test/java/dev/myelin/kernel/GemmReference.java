package dev.myelin.kernel;

/**
 * The plain scalar twin of {@link Gemm}: the textbook triple loop, one dot product per element of C,
 * summed in order of {@code p}. Tests hold every fast GEMM to it.
 */
public final class GemmReference {
    private GemmReference() {
    }

    public static void sgemm(int m, int n, int k, Matrix matA, Matrix matB, Matrix matC, boolean accumulate) {
        Gemm.checkArguments(m, n, k, matA, matB, matC);
        boolean transA = matA.transposed();
        boolean transB = matB.transposed();
        float[] a = matA.data();
        float[] b = matB.data();
        float[] c = matC.data();
        int aOff = matA.offset(), lda = matA.stride();
        int bOff = matB.offset(), ldb = matB.stride();
        int cOff = matC.offset(), ldc = matC.stride();
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
