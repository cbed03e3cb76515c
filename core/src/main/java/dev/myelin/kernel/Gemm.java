package dev.myelin.kernel;

/**
 * Single-precision matrix multiply on row-major {@code float[]} storage, BLAS's {@code sgemm} with
 * {@code alpha = 1} and {@code beta} 0 or 1: {@code C = op(A) op(B)}, or {@code C += op(A) op(B)} when
 * {@code accumulate} is set, where {@code op(X)} is {@code X} or its transpose ({@link Matrix#transposed}).
 * op(A) is {@code m x k}, op(B) is {@code k x n}, C is {@code m x n}. A transposed operand is read in
 * place by the packing routines, never copied whole.
 *
 * <p>Each operand is a {@link Matrix}: its array, offset, row stride and transposition. The work runs on
 * the Vector API kernel when it is available ({@link VectorSupport}), else on {@link ScalarGemm};
 * {@code GemmReference} (in the tests) is the scalar oracle that tests hold both to.
 */
public final class Gemm {
    private Gemm() {
    }

    /**
     * {@code C = op(A) op(B)}, or {@code C += op(A) op(B)}.
     *
     * @param m          rows of op(A) and of C
     * @param n          columns of op(B) and of C
     * @param k          columns of op(A), rows of op(B): the length of each sum; 0 gives {@code C = 0}
     *                   (or C unchanged when accumulating)
     * @param a          op(A), {@code m x k}
     * @param b          op(B), {@code k x n}
     * @param c          C, {@code m x n}, not transposed; only its {@code m x n} elements are written
     * @param accumulate whether to add the product to C ({@code beta = 1}) rather than overwrite C
     * @throws IllegalArgumentException if a size is negative, C is transposed, or a matrix does not fit in its array
     */
    public static void sgemm(int m, int n, int k, Matrix a, Matrix b, Matrix c, boolean accumulate) {
        checkArguments(m, n, k, a, b, c);
        if (VectorSupport.AVAILABLE) {
            VectorGemm.sgemm(m, n, k, a, b, c, accumulate);
        } else {
            ScalarGemm.sgemm(m, n, k, a, b, c, accumulate);
        }
    }

    /**
     * {@code C = A Bᵀ} ({@code A} is {@code m x k}, {@code B} is {@code n x k}, both with K contiguous),
     * each element one long dot product: for a small C and a long K, where GEMM's packing of Bᵀ and
     * its row split do not pay ({@link VectorRowDots}). Overwrites C. The operands are those of the
     * same product by {@link #sgemm}: A not transposed, B transposed.
     *
     * @param m rows of A and of C
     * @param n rows of B, columns of C
     * @param k the length of each dot product
     * @param a A, {@code m x k}, not transposed
     * @param b B as stored, {@code n x k}, marked transposed ({@code Matrix.of(...).transpose()}): op(B) = Bᵀ
     * @param c C, {@code m x n}, not transposed
     * @throws IllegalArgumentException if A is transposed or B is not, or as {@link #sgemm} does
     */
    public static void rowDots(int m, int n, int k, Matrix a, Matrix b, Matrix c) {
        if (a.transposed() || !b.transposed()) {
            throw new IllegalArgumentException("rowDots: computes A Bᵀ, so A must not be transposed and B must be");
        }
        checkArguments(m, n, k, a, b, c);
        if (VectorSupport.AVAILABLE) {
            VectorRowDots.abT(m, n, k, a, b, c);
        } else {
            ScalarGemm.sgemm(m, n, k, a, b, c, false);
        }
    }

    /**
     * {@link #sgemm} on the scalar path regardless of the Vector API, for tests and benchmarks.
     *
     * @param m          rows of op(A) and of C
     * @param n          columns of op(B) and of C
     * @param k          columns of op(A), rows of op(B)
     * @param a          op(A), {@code m x k}
     * @param b          op(B), {@code k x n}
     * @param c          C, {@code m x n}, not transposed
     * @param accumulate whether to add the product to C rather than overwrite C
     * @throws IllegalArgumentException as {@link #sgemm} does
     */
    public static void sgemmScalar(int m, int n, int k, Matrix a, Matrix b, Matrix c, boolean accumulate) {
        checkArguments(m, n, k, a, b, c);
        ScalarGemm.sgemm(m, n, k, a, b, c, accumulate);
    }

    /**
     * Refuses arguments no kernel could run: the kernels themselves do not check.
     *
     * @param m rows of op(A) and of C
     * @param n columns of op(B) and of C
     * @param k columns of op(A), rows of op(B)
     * @param a op(A)
     * @param b op(B)
     * @param c C
     * @throws IllegalArgumentException if a size is negative, C is transposed, or any matrix would be read or
     *                                  written outside its array
     */
    static void checkArguments(int m, int n, int k, Matrix a, Matrix b, Matrix c) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: negative size m=" + m + " n=" + n + " k=" + k);
        }
        if (c.transposed()) {
            throw new IllegalArgumentException("sgemm: C is written as stored and cannot be transposed");
        }
        checkMatrix("A", a, a.transposed() ? k : m, a.transposed() ? m : k);
        checkMatrix("B", b, b.transposed() ? n : k, b.transposed() ? k : n);
        checkMatrix("C", c, m, n);
    }

    /** {@code rows x cols} is the matrix as stored. */
    private static void checkMatrix(String name, Matrix x, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        int off = x.offset();
        int ld = x.stride();
        int length = x.data().length;
        if (ld < cols || off < 0 || (long) off + (long) (rows - 1) * ld + cols > length) {
            throw new IllegalArgumentException("sgemm: matrix " + name + " (" + rows + "x" + cols + ", offset " + off
                    + ", leading dimension " + ld + ") does not fit in an array of " + length);
        }
    }
}
