package dev.myelin.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * The dimensions of a dense, row-major tensor, as PyTorch's {@code torch.Size}. Immutable.
 *
 * <p>A shape of rank 0 is a scalar and holds one element. Every dimension is at least 0, and a shape
 * holds at most {@code Integer.MAX_VALUE - 16} elements, so that its storage fits in one Java array.
 * Since tensors are always contiguous and row-major, the shape alone fixes the
 * {@linkplain #strides() strides}.
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

    /**
     * A shape with the given dimensions.
     *
     * @param dims the dimensions, each at least 0 (copied); none gives the scalar shape
     * @return the shape
     * @throws IllegalArgumentException if a dimension is negative or the product exceeds
     *     {@code Integer.MAX_VALUE - 16}
     */
    public static Shape of(int... dims) {
        Objects.requireNonNull(dims, "dims");
        return new Shape(dims.clone());
    }

    /**
     * The shape of a scalar.
     *
     * @return the shape {@code []}: rank 0, one element
     */
    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    /**
     * The number of dimensions, as {@code len(size)}.
     *
     * @return 0 for a scalar, 4 for images {@code (N, C, H, W)}
     */
    public int rank() {
        return dims.length;
    }

    /**
     * The size of one dimension.
     *
     * @param i the dimension, {@code 0..rank()-1}; negative counts from the end, as in PyTorch ({@code -1}
     *     is the last)
     * @return its size, at least 0
     * @throws IllegalArgumentException if {@code i} is out of range (a scalar has no dimension)
     */
    public int dim(int i) {
        return dims[normalizeDim(i)];
    }

    /**
     * The number of elements, as {@code torch.Size.numel()}.
     *
     * @return the product of the dimensions: 1 for a scalar, 0 if any dimension is 0
     */
    public int size() {
        return size;
    }

    /**
     * The dimensions.
     *
     * @return a new array, one entry per dimension (empty for a scalar)
     */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * The row-major strides, in elements: how far apart in storage two elements are whose indices differ by
     * one along each dimension. The last dimension has stride 1 and {@code stride[j] = stride[j+1] ·
     * dim(j+1)}, so {@code (2, 3, 4)} has strides {@code (12, 4, 1)}.
     *
     * @return a new array, one stride per dimension
     */
    public int[] strides() {
        int[] s = new int[dims.length];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = stride;
            stride *= dims[i];
        }
        return s;
    }

    /**
     * Turns a possibly negative dimension index into {@code 0..rank-1}, as PyTorch reads {@code dim}
     * arguments.
     *
     * @param dim a dimension in {@code -rank..rank-1}; {@code -1} is the last
     * @return {@code dim} if non-negative, else {@code dim + rank}
     * @throws IllegalArgumentException naming this shape, if {@code dim} is out of range or the shape is a scalar
     */
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
     * The shape two operands broadcast to, by NumPy's and PyTorch's rule: the shapes are aligned from
     * their last dimension, the shorter one padded with leading 1s, and each pair of dimensions must be
     * equal or contain a 1, which is repeated to match the other. {@code (8, 1, 6)} and {@code (7, 1)} give
     * {@code (8, 7, 6)}.
     *
     * @param op the operation's name, for the error message
     * @param a  the first operand's shape
     * @param b  the second operand's shape
     * @return the broadcast shape, of rank {@code max(a.rank(), b.rank())}
     * @throws IllegalArgumentException if a pair of dimensions differs and neither is 1
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
