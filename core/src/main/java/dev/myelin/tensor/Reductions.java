package dev.myelin.tensor;

import dev.myelin.kernel.ReductionKernels;

/**
 * Sum and mean over a set of dimensions. The dimensions may be negative and must be distinct; an empty
 * set reduces nothing and gives a copy ({@link Tensor#sum()} passes every dimension explicitly, so
 * PyTorch's "empty means all" convention is not needed). Sums accumulate in double in row-major order
 * (see {@link ReductionKernels}), so results are deterministic.
 */
final class Reductions {
    private Reductions() {
    }

    static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        return reduce("sum", x, dims, keepdim, false);
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        return reduce("mean", x, dims, keepdim, true);
    }

    private static Tensor reduce(String op, Tensor x, int[] dims, boolean keepdim, boolean mean) {
        boolean[] reduced = Axes.reducedMask(op, x.shape(), dims);
        if (dims.length == 0) {
            return x.copy();
        }
        int[] shape = x.dims();
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            count *= reduced[i] ? shape[i] : 1;
        }
        double scale = mean ? 1.0 / count : 1.0;
        Tensor out = Tensor.empty(x.shape().reduce(reduced, keepdim));
        ReductionKernels.sum(x.data, x.offset, shape, reduced, scale, out.data, 0);
        return Autograd.record(out, new SumOp(x, reduced, (float) scale, mean ? "Mean" : "Sum"));
    }

    /** Sum (or mean, with scale 1/count): every input element receives {@code scale} times the gradient of its slot. */
    static final class SumOp extends Node {
        private final boolean[] reduced;
        private final float scale;
        private final String name;

        SumOp(Tensor x, boolean[] reduced, float scale, String name) {
            super(x);
            this.reduced = reduced;
            this.scale = scale;
            this.name = name;
        }

        @Override
        Tensor[] backward(Tensor g) {
            Tensor x = input(0);
            Tensor dx = Tensor.empty(x.shape());
            ReductionKernels.expand(g.data, g.offset, x.dims(), reduced, scale, dx.data, 0);
            return new Tensor[] {dx};
        }

        @Override
        String name() {
            return name;
        }
    }
}
