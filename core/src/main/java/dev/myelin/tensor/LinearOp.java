package dev.myelin.tensor;

import dev.myelin.kernel.Dense;

/**
 * The fully connected layer as one op: {@code y = x Wᵀ + b} for {@code x (N, in)}, {@code W (out, in)},
 * {@code b (out)}. Forward reads W transposed in place; backward gives {@code dx = dy W},
 * {@code dW = dyᵀ x} and {@code db = sum over rows of dy}.
 */
final class LinearOp extends Node {
    private LinearOp(Tensor x, Tensor w, Tensor b) {
        super(b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b});
    }

    static Tensor forward(Tensor x, Tensor w, Tensor b) {
        if (x.rank() != 2 || w.rank() != 2 || x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException("linear: expected input (N, in) and weight (out, in), got shapes "
                    + x.shape() + " and " + w.shape());
        }
        int rows = x.dim(0);
        int in = x.dim(1);
        int out = w.dim(0);
        if (b != null && (b.rank() != 1 || b.dim(0) != out)) {
            throw new IllegalArgumentException("linear: bias of shape " + b.shape() + " does not match weight " + w.shape());
        }
        Tensor y = GradientStorage.uninitialized(Shape.of(rows, out));
        Dense.forward(rows, in, out, x.data, x.offset, w.data, w.offset, b == null ? null : b.data,
                b == null ? 0 : b.offset, y.data, y.offset);
        return Autograd.record(y, new LinearOp(x, w, b));
    }

    @Override
    Tensor[] backward(Tensor g) {
        Tensor x = input(0);
        Tensor w = input(1);
        int rows = x.dim(0);
        int in = x.dim(1);
        int out = w.dim(0);
        Tensor[] grads = new Tensor[inputCount()];
        if (needsGrad(0)) {
            grads[0] = GradientStorage.uninitialized(x.shape());
            Dense.backwardInput(rows, in, out, g.data, g.offset, w.data, w.offset, grads[0].data, 0);
        }
        if (needsGrad(1)) {
            grads[1] = GradientStorage.uninitialized(w.shape());
            Dense.backwardWeight(rows, in, out, g.data, g.offset, x.data, x.offset, grads[1].data, 0);
        }
        if (inputCount() == 3 && needsGrad(2)) {
            grads[2] = GradientStorage.uninitialized(input(2).shape());
            Dense.backwardBias(rows, out, g.data, g.offset, grads[2].data, 0);
        }
        return grads;
    }
}
