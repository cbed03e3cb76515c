package dev.myelin.kernel;

/**
 * Single-precision matrix multiply on row-major {@code float[]} storage:
 * {@code C = op(A) * op(B)}, or {@code C += op(A) * op(B)} when {@code accumulate} is set, where
 * {@code op(X)} is {@code X} or its transpose. op(A) is {@code m x k}, op(B) is {@code k x n}, C is
 * {@code m x n}. A transposed operand is read in place by the packing routines, never copied whole.
 *
 * <p>{@code lda}, {@code ldb} and {@code ldc} are the row strides of the matrices as stored (for a
 * transposed A stored {@code k x m}, {@code lda >= m}). The work runs on the Vector API kernel when it
 * is available ({@link VectorSupport}), else on {@link ScalarGemm}; {@code GemmReference} (in the tests) is the
 * scalar oracle that tests hold both to.
 */
public final class Gemm {
    private Gemm() {
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        checkArguments(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (VectorSupport.AVAILABLE) {
            VectorGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            ScalarGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * {@code C = A Bᵀ} ({@code A} is {@code m x k}, {@code B} is {@code n x k}, both with K contiguous),
     * each element one long dot product: for a small C and a long K, where GEMM's packing of Bᵀ and
     * its row split do not pay ({@link VectorRowDots}). Overwrites C.
     */
    public static void rowDots(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc) {
        checkArguments(false, true, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (VectorSupport.AVAILABLE) {
            VectorRowDots.abT(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        } else {
            ScalarGemm.sgemm(false, true, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, false);
        }
    }

    /** The scalar path regardless of the Vector API, for tests and benchmarks. */
    public static void sgemmScalar(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        checkArguments(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        ScalarGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** Throws IllegalArgumentException if any matrix would be read or written outside its array. */
    static void checkArguments(boolean transA, boolean transB, int m, int n, int k,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOff, ldc, m, n);
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (ld < cols || off < 0 || (long) off + (long) (rows - 1) * ld + cols > x.length) {
            throw new IllegalArgumentException("sgemm: matrix " + name + " (" + rows + "x" + cols + ", offset " + off
                    + ", leading dimension " + ld + ") does not fit in an array of " + x.length);
        }
    }
}
