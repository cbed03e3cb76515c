package dev.myelin.kernel;

/**
 * Single-precision matrix multiply on row-major {@code float[]} storage:
 * {@code C = op(A) * op(B)}, or {@code C += op(A) * op(B)} when {@code accumulate} is set, where
 * {@code op(X)} is {@code X} or its transpose. op(A) is {@code m x k}, op(B) is {@code k x n}, C is
 * {@code m x n}. A transposed operand is read in place, never copied.
 *
 * <p>{@code lda}, {@code ldb} and {@code ldc} are the row strides of the matrices as stored (for a
 * transposed A stored {@code k x m}, {@code lda >= m}). {@link GemmReference} is the scalar oracle.
 */
public final class Gemm {
    private Gemm() {
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        GemmReference.checkArguments(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        // Row of C += a(i,p) * row p of op(B): the inner loop runs along contiguous memory whenever B is not transposed.
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (aip == 0f) {
                    continue;
                }
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
