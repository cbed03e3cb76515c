package dev.myelin.tensor;

import dev.myelin.kernel.SoftmaxKernels;

/**
 * Softmax and log-softmax along any dimension, computed stably (each row is shifted by its maximum).
 * Both backward passes work from the saved output.
 */
final class Softmax {
    private Softmax() {
    }

    static Tensor softmax(Tensor x, int dim) {
        Axes.Split s = Axes.split(x.shape(), Axes.normalize("softmax", x.shape(), dim));
        Tensor y = Tensor.empty(x.shape());
        SoftmaxKernels.softmax(x.data, x.offset, s.outer(), s.n(), s.inner(), y.data, 0);
        return Autograd.record(y, new SoftmaxOp(x, y, s));
    }

    static Tensor logSoftmax(Tensor x, int dim) {
        Axes.Split s = Axes.split(x.shape(), Axes.normalize("logSoftmax", x.shape(), dim));
        Tensor y = Tensor.empty(x.shape());
        SoftmaxKernels.logSoftmax(x.data, x.offset, s.outer(), s.n(), s.inner(), y.data, 0);
        return Autograd.record(y, new LogSoftmaxOp(x, y, s));
    }

    /** dx = y (g - Σ g y) along the axis. */
    static final class SoftmaxOp extends Node {
        private final Axes.Split split;

        SoftmaxOp(Tensor x, Tensor y, Axes.Split split) {
            super(x);
            save(y);
            this.split = split;
        }

        @Override
        Tensor[] backward(Tensor g) {
            Tensor y = saved(0);
            Tensor dx = Tensor.empty(y.shape());
            SoftmaxKernels.softmaxBackward(y.data, y.offset, g.data, g.offset, split.outer(), split.n(), split.inner(), dx.data, 0);
            return new Tensor[] {dx};
        }
    }

    /** dx = g - softmax · Σ g along the axis, with softmax = exp(y). */
    static final class LogSoftmaxOp extends Node {
        private final Axes.Split split;

        LogSoftmaxOp(Tensor x, Tensor y, Axes.Split split) {
            super(x);
            save(y);
            this.split = split;
        }

        @Override
        Tensor[] backward(Tensor g) {
            Tensor y = saved(0);
            Tensor dx = Tensor.empty(y.shape());
            SoftmaxKernels.logSoftmaxBackward(y.data, y.offset, g.data, g.offset, split.outer(), split.n(), split.inner(), dx.data, 0);
            return new Tensor[] {dx};
        }
    }
}
