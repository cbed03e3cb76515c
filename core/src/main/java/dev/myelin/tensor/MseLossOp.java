package dev.myelin.tensor;

import dev.myelin.kernel.ReductionKernels;

/**
 * Mean squared error {@code mean((input - target)²)} between two tensors of the same shape; both
 * receive gradients, {@code ±2 (input - target) / n}.
 */
final class MseLossOp extends Node {
    private MseLossOp(Tensor input, Tensor target) {
        super(input, target);
    }

    static Tensor forward(Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException("mseLoss: input shape " + input.shape() + " and target shape "
                    + target.shape() + " must be equal");
        }
        int n = input.size();
        double sum = ReductionKernels.sumSquaredDifference(input.data, input.offset, target.data, target.offset, n);
        Tensor loss = Tensor.scalar((float) (sum / n)); // n = 0 gives NaN, the mean of nothing, as in PyTorch
        return Autograd.record(loss, new MseLossOp(input, target));
    }

    @Override
    Tensor[] backward(Tensor g) {
        Tensor dInput = input(0).sub(input(1)).mul(2f * g.item() / input(0).size());
        return new Tensor[] {needsGrad(0) ? dInput : null, needsGrad(1) ? dInput.neg() : null};
    }
}
