package dev.myelin.tensor;

import java.util.Arrays;

/**
 * Dimension arguments of the reductions and the along-an-axis ops: normalising and validating them
 * with errors that name the op and the shape, and viewing a tensor as {@code (outer, n, inner)} around
 * one axis, the layout the axis kernels work on.
 *
 * <p>As in PyTorch, a scalar accepts dimension 0 or -1 and is treated as one element along it.
 */
final class Axes {
    private Axes() {
    }

    /** The tensor as {@code outer} blocks of {@code n} steps along the axis, each step {@code inner} contiguous floats. */
    record Split(int outer, int n, int inner) {
    }

    /** {@code dim} in {@code 0..rank-1} (0 for a scalar), or an IllegalArgumentException naming {@code op} and the shape. */
    static int normalize(String op, Shape shape, int dim) {
        int r = shape.rank();
        int d = dim < 0 ? dim + Math.max(r, 1) : dim;
        if (d < 0 || d >= Math.max(r, 1)) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " is out of range for shape " + shape
                    + " (rank " + r + ")");
        }
        return d;
    }

    /** Which dimensions {@code dims} names; they may be negative and must be distinct. */
    static boolean[] reducedMask(String op, Shape shape, int[] dims) {
        boolean[] reduced = new boolean[shape.rank()];
        boolean[] seen = new boolean[Math.max(shape.rank(), 1)];
        for (int dim : dims) {
            int d = normalize(op, shape, dim);
            if (seen[d]) {
                throw new IllegalArgumentException(op + ": dimension " + d + " appears more than once in dims "
                        + Arrays.toString(dims) + " for shape " + shape);
            }
            seen[d] = true;
            if (shape.rank() > 0) {
                reduced[d] = true;
            }
        }
        return reduced;
    }

    /** The {@code (outer, n, inner)} view around the (normalised) axis {@code dim}. */
    static Split split(Shape shape, int dim) {
        if (shape.rank() == 0) {
            return new Split(1, 1, 1);
        }
        int[] dims = shape.dims();
        int outer = 1;
        for (int i = 0; i < dim; i++) {
            outer *= dims[i];
        }
        int inner = 1;
        for (int i = dim + 1; i < dims.length; i++) {
            inner *= dims[i];
        }
        return new Split(outer, dims[dim], inner);
    }

    /** The shape after reducing the single (normalised) axis {@code dim}. */
    static Shape reduceOne(Shape shape, int dim, boolean keepdim) {
        if (shape.rank() == 0) {
            return shape;
        }
        boolean[] reduced = new boolean[shape.rank()];
        reduced[dim] = true;
        return shape.reduce(reduced, keepdim);
    }
}
