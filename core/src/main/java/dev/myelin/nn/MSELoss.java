package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;

/**
 * The mean squared error, as {@code torch.nn.MSELoss} with the default mean reduction:
 * {@code loss = mean((input - target)²)} over all elements. Both tensors have the same (any) shape and
 * both receive gradients.
 *
 * <p>Not a {@link Module}: it takes a target besides the input.
 */
public final class MSELoss {
    /** Creates the loss. */
    public MSELoss() {
    }

    /** The mean loss, a scalar; {@code input} and {@code target} must have the same shape. */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.mseLoss(input, target);
    }

    @Override
    public String toString() {
        return "MSELoss()";
    }
}
