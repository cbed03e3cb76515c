package dev.myelin.tensor;

import dev.myelin.kernel.ReductionKernels;

/**
 * Maximum along one dimension, with the index of the first maximum (NaN counts as the maximum, as in
 * PyTorch). The gradient flows only to that index.
 */
final class MaxOp extends Node {
    private final int[] indices;
    private final Axes.Split split;

    private MaxOp(Tensor x, int[] indices, Axes.Split split) {
        super(x);
        this.indices = indices;
        this.split = split;
    }

    static MaxResult forward(Tensor x, int dim, boolean keepdim) {
        int d = Axes.normalize("max", x.shape(), dim);
        Axes.Split s = Axes.split(x.shape(), d);
        if (s.n() == 0) {
            throw new IllegalArgumentException("max: cannot take the maximum along dimension " + d
                    + " of size 0 in shape " + x.shape());
        }
        Tensor values = Tensor.empty(Axes.reduceOne(x.shape(), d, keepdim));
        int[] indices = new int[values.size()];
        ReductionKernels.maxAxis(x.data, x.offset, s.outer(), s.n(), s.inner(), values.data, 0, indices);
        Autograd.record(values, new MaxOp(x, indices.clone(), s));
        return new MaxResult(values, indices);
    }

    @Override
    Tensor[] backward(Tensor g) {
        Tensor dx = Tensor.empty(input(0).shape());
        ReductionKernels.scatterAxis(g.data, g.offset, indices, split.outer(), split.n(), split.inner(), dx.data, 0);
        return new Tensor[] {dx};
    }
}
