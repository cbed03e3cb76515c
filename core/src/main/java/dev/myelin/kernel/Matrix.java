package dev.myelin.kernel;

/**
 * A matrix operand of {@link Gemm}: where its elements sit in a {@code float[]} and whether the product
 * reads it transposed. The matrix is stored row-major: element {@code (row, col)} of the stored matrix
 * is {@code data[offset + row * stride + col]}. With {@code transposed}, the product uses its transpose,
 * {@code op(X) = Xᵀ}, read in place (never copied whole); without, {@code op(X) = X}. This is BLAS's
 * {@code (X, ldX, transX)} triple; the sizes of the product ({@code m, n, k}) are passed beside it.
 *
 * @param data       the array holding the matrix; read-only for A and B, written for C
 * @param offset     index in {@code data} of the stored matrix's element {@code (0, 0)}, at least 0
 * @param stride     floats from one stored row to the next (BLAS's leading dimension {@code ld}); at least
 *                   the stored row's length, which for a transposed {@code op(X)} of {@code r x c} is {@code r}
 * @param transposed whether the product reads {@code Xᵀ} rather than {@code X}; never set for C
 */
public record Matrix(float[] data, int offset, int stride, boolean transposed) {

    /**
     * The stored matrix itself, {@code op(X) = X}.
     *
     * @param data   the array holding the matrix
     * @param offset index in {@code data} of element {@code (0, 0)}
     * @param stride floats from one row to the next, at least the row's length
     * @return the operand, not transposed
     */
    public static Matrix of(float[] data, int offset, int stride) {
        return new Matrix(data, offset, stride, false);
    }

    /**
     * The same storage read the other way round. Copies nothing.
     *
     * @return this operand with {@code transposed} flipped: {@code op(X) = Xᵀ}, or back to {@code X}
     */
    public Matrix transpose() {
        return new Matrix(data, offset, stride, !transposed);
    }
}
