package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;

/**
 * The mean squared error, as {@code torch.nn.MSELoss} with the default mean reduction:
 * {@code loss = mean((input - target)²)} over all {@code n} elements. Both tensors have the same (any)
 * shape and both receive gradients, {@code ±2·(input - target)/n}. Only the mean reduction; an empty
 * input gives NaN, as in PyTorch.
 *
 * <p>Not a {@link Module}: it takes a target besides the input.
 */
public final class MSELoss {
    /** Creates the loss. */
    public MSELoss() {
    }

    /**
     * The mean loss over all elements.
     *
     * @param input  the prediction, any shape
     * @param target the wanted values, of the input's shape (PyTorch would broadcast; here the shapes must
     *               be equal)
     * @return a scalar tensor (shape {@code []}), recorded for backward when either side requires grad
     * @throws IllegalArgumentException if the shapes differ
     */
    public Tensor forward(Tensor input, Tensor target) {
        return Functional.mseLoss(input, target);
    }

    @Override
    public String toString() {
        return "MSELoss()";
    }
}
