package dev.myelin.tensor;

import java.util.Arrays;

/** Reshape (a view), permute (a copy into the new row-major order) and explicit copy. */
final class ShapeOps {
    private ShapeOps() {
    }

    static Tensor reshape(Tensor x, int[] dims) {
        Shape target = inferShape("reshape", x.shape(), dims);
        Tensor view = new Tensor(x.data, x.offset, target);
        return Autograd.record(view, new ReshapeOp(x));
    }

    private static Shape inferShape(String op, Shape from, int[] dims) {
        int[] d = dims.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException(op + ": only one dimension can be -1, got " + Arrays.toString(dims));
                }
                inferred = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid dimension " + d[i] + " in " + Arrays.toString(dims));
            } else {
                known *= d[i];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || from.size() % known != 0) {
                throw new IllegalArgumentException(op + ": shape " + from + " cannot be viewed as " + Arrays.toString(dims));
            }
            d[inferred] = (int) (from.size() / known);
        }
        Shape target = Shape.of(d);
        if (target.size() != from.size()) {
            throw new IllegalArgumentException(op + ": shape " + from + " (" + from.size() + " elements) cannot be viewed as "
                    + target + " (" + target.size() + " elements)");
        }
        return target;
    }

    /** Backward of a view: the gradient takes the input's shape again. */
    static final class ReshapeOp extends Node {
        ReshapeOp(Tensor x) {
            super(x);
        }

        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {new Tensor(g.data, g.offset, input(0).shape())};
        }
    }

    static Tensor permute(Tensor x, int[] order) {
        Shape s = x.shape();
        int r = s.rank();
        if (order.length != r) {
            throw new IllegalArgumentException("permute: order " + Arrays.toString(order) + " does not match shape " + s);
        }
        int[] perm = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            int d = s.normalizeDim(order[i]);
            if (seen[d]) {
                throw new IllegalArgumentException("permute: dimension " + d + " repeats in " + Arrays.toString(order));
            }
            seen[d] = true;
            perm[i] = d;
        }
        Tensor out = Tensor.empty(Shape.of(permutedDims(s.dims(), perm)));
        copyPermuted(x, perm, out);
        return Autograd.record(out, new PermuteOp(x, perm));
    }

    private static int[] permutedDims(int[] dims, int[] perm) {
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = dims[perm[i]];
        }
        return out;
    }

    /** Writes {@code x} into {@code out} in the permuted order, walking the output in row-major order. */
    private static void copyPermuted(Tensor x, int[] perm, Tensor out) {
        int r = perm.length;
        int[] inStrides = x.shape().strides();
        int[] stride = new int[r];
        for (int i = 0; i < r; i++) {
            stride[i] = inStrides[perm[i]];
        }
        int[] dims = out.shape().dims();
        int[] index = new int[r];
        int pos = x.offset;
        for (int i = 0, n = out.size(); i < n; i++) {
            out.data[i] = x.data[pos];
            for (int d = r - 1; d >= 0; d--) {
                index[d]++;
                pos += stride[d];
                if (index[d] < dims[d]) {
                    break;
                }
                pos -= stride[d] * dims[d];
                index[d] = 0;
            }
        }
    }

    /** The gradient of a permutation is the gradient permuted back by the inverse order. */
    static final class PermuteOp extends Node {
        private final int[] perm;

        PermuteOp(Tensor x, int[] perm) {
            super(x);
            this.perm = perm;
        }

        @Override
        Tensor[] backward(Tensor g) {
            int[] inverse = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                inverse[perm[i]] = i;
            }
            Tensor out = Tensor.empty(input(0).shape());
            copyPermuted(g, inverse, out);
            return new Tensor[] {out};
        }
    }

    static Tensor copy(Tensor x) {
        Tensor out = new Tensor(x.toArray(), 0, x.shape());
        return Autograd.record(out, new CopyOp(x));
    }

    /** A copy passes its gradient through unchanged. */
    static final class CopyOp extends Node {
        CopyOp(Tensor x) {
            super(x);
        }

        // y = x (a fresh copy): dx = g
        @Override
        Tensor[] backward(Tensor g) {
            return new Tensor[] {g};
        }
    }
}
