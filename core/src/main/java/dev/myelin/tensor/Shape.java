package dev.myelin.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * The dimensions of a dense, row-major tensor. Immutable.
 *
 * <p>A shape of rank 0 is a scalar and holds one element. Every dimension is at least 0.
 */
public final class Shape {
    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            int d = dims[i];
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has a negative dimension: "
                        + "dimension " + i + " is " + d);
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31 elements");
            }
        }
        this.dims = dims;
        this.size = (int) n;
    }

    /** A shape with the given dimensions (the array is copied). */
    public static Shape of(int... dims) {
        Objects.requireNonNull(dims, "dims");
        return new Shape(dims.clone());
    }

    /** The shape of a scalar: rank 0, one element. */
    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code i}; negative {@code i} counts from the end, as in PyTorch. */
    public int dim(int i) {
        return dims[normalizeDim(i)];
    }

    /** Number of elements (the product of the dimensions). */
    public int size() {
        return size;
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Row-major strides in elements: the last dimension has stride 1. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = stride;
            stride *= dims[i];
        }
        return s;
    }

    /** Turns a possibly negative dimension index into {@code 0..rank-1}, or throws naming the shape. */
    public int normalizeDim(int dim) {
        int r = dims.length;
        int d = dim < 0 ? dim + r : dim;
        if (r == 0 || d < 0 || d >= r) {
            throw new IllegalArgumentException("dimension " + dim + " is out of range for shape " + this);
        }
        return d;
    }

    /** This shape with each reduced dimension set to 1 ({@code keep}) or removed. */
    Shape reduce(boolean[] reduced, boolean keep) {
        int[] out = new int[keep ? dims.length : dims.length - count(reduced)];
        int j = 0;
        for (int i = 0; i < dims.length; i++) {
            if (!reduced[i]) {
                out[j++] = dims[i];
            } else if (keep) {
                out[j++] = 1;
            }
        }
        return new Shape(out);
    }

    private static int count(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            if (f) {
                c++;
            }
        }
        return c;
    }

    /**
     * The shape two operands broadcast to, NumPy-style: dimensions are aligned from the right and
     * each pair must be equal or contain a 1.
     *
     * @param op the operation's name, for the error message
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b + " cannot be broadcast together");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Prints like PyTorch's {@code torch.Size}: {@code [2, 3]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
