package dev.myelin.tensor;

import dev.myelin.kernel.BinaryKernels;

/**
 * Broadcasting machinery shared by the binary ops: running a kernel over two broadcast operands, and
 * the reverse, summing a gradient back down to the shape of an operand that was broadcast.
 */
final class Broadcast {
    private Broadcast() {
    }

    /** Strides of {@code s} as seen through the output shape {@code out}: 0 along broadcast dimensions. */
    static int[] stridesFor(Shape s, Shape out) {
        int r = out.rank();
        int[] own = s.strides();
        int[] strides = new int[r];
        int shift = r - s.rank();
        for (int i = shift; i < r; i++) {
            strides[i] = s.dim(i - shift) == 1 ? 0 : own[i - shift];
        }
        return strides;
    }

    /** {@code out = a (op) b} with NumPy broadcasting; {@code out} has the broadcast shape. */
    static void apply(BinaryKernels.Op op, Tensor a, Tensor b, Tensor out) {
        Shape shape = out.shape();
        int r = shape.rank();
        if (a.shape().equals(shape) && b.shape().equals(shape)) {
            BinaryKernels.apply(op, a.data, a.offset, 1, b.data, b.offset, 1, out.data, out.offset, shape.size());
            return;
        }
        if (r == 0) {
            out.data[out.offset] = op.apply(a.data[a.offset], b.data[b.offset]);
            return;
        }
        int[] sa = stridesFor(a.shape(), shape);
        int[] sb = stridesFor(b.shape(), shape);
        int[] dims = shape.dims();
        int inner = dims[r - 1];
        int rows = inner == 0 ? 0 : shape.size() / inner;
        int[] index = new int[r - 1];
        int aPos = a.offset;
        int bPos = b.offset;
        for (int row = 0; row < rows; row++) {
            BinaryKernels.apply(op, a.data, aPos, sa[r - 1], b.data, bPos, sb[r - 1], out.data, out.offset + row * inner, inner);
            // Odometer over the outer dimensions, moving each operand by its broadcast stride.
            for (int d = r - 2; d >= 0; d--) {
                index[d]++;
                aPos += sa[d];
                bPos += sb[d];
                if (index[d] < dims[d]) {
                    break;
                }
                aPos -= sa[d] * dims[d];
                bPos -= sb[d] * dims[d];
                index[d] = 0;
            }
        }
    }

    /**
     * Sums {@code g} over the dimensions along which an operand of shape {@code target} was broadcast,
     * giving a tensor of shape {@code target}. Summation runs in row-major order of {@code g}, so the
     * result is deterministic.
     */
    static Tensor sumTo(Tensor g, Shape target) {
        if (g.shape().equals(target)) {
            return g;
        }
        Shape shape = g.shape();
        Tensor out = Tensor.empty(target);
        int[] st = stridesFor(target, shape);
        int[] dims = shape.dims();
        int r = dims.length;
        int[] index = new int[r];
        int pos = 0;
        for (int i = 0, n = shape.size(); i < n; i++) {
            out.data[pos] += g.data[g.offset + i];
            for (int d = r - 1; d >= 0; d--) {
                index[d]++;
                pos += st[d];
                if (index[d] < dims[d]) {
                    break;
                }
                pos -= st[d] * dims[d];
                index[d] = 0;
            }
        }
        return out;
    }
}
