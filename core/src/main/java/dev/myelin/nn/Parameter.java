package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.Objects;

/**
 * A learnable tensor of a module: a leaf that requires grad, whose storage optimizers update in
 * place, so the tensor's identity never changes during training or when a state dict is loaded.
 * {@code requiresGrad(false)} freezes it: no gradient is computed and optimizers skip it.
 */
public final class Parameter {
    private final Tensor value;

    /**
     * Makes {@code value} a parameter, as {@code torch.nn.Parameter(t)}: the tensor itself, not a copy, is
     * set to require grad.
     *
     * @param value a leaf tensor of any shape (not computed by a recorded op; {@code detach()} one that is)
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not a leaf
     */
    public Parameter(Tensor value) {
        Objects.requireNonNull(value, "value");
        if (!value.isLeaf()) {
            throw new IllegalArgumentException("a Parameter must be a leaf tensor, got one made by " + value.gradFnName()
                    + "; detach() it first");
        }
        this.value = value.requiresGrad(true);
    }

    /**
     * The tensor itself, to use in forward computations.
     *
     * @return the wrapped tensor, the same one for the parameter's life
     */
    public Tensor value() {
        return value;
    }

    /**
     * The gradient that backward passes have added up since the last {@link #zeroGrad()}.
     *
     * @return a tensor of the parameter's shape, or null before the first backward and after
     *         {@link #zeroGrad()} or freezing
     */
    public Tensor grad() {
        return value.grad();
    }

    /**
     * Whether this parameter trains.
     *
     * @return true when gradients are computed for it, false when frozen
     */
    public boolean requiresGrad() {
        return value.requiresGrad();
    }

    /**
     * Freezes or unfreezes the parameter; freezing also forgets its gradient, so optimizers skip it.
     *
     * @param requiresGrad false to freeze, true to train again
     * @return this parameter
     */
    public Parameter requiresGrad(boolean requiresGrad) {
        value.requiresGrad(requiresGrad);
        if (!requiresGrad) {
            value.zeroGrad();
        }
        return this;
    }

    /** Forgets the accumulated gradient: {@link #grad()} is null until the next backward. */
    public void zeroGrad() {
        value.zeroGrad();
    }

    /**
     * Sets the gradient, as {@code param.grad = g}; see {@link Tensor#setGrad}.
     *
     * @param gradient the new gradient, of the parameter's shape, copied; null forgets the gradient
     * @throws IllegalArgumentException if the shapes differ
     */
    public void setGrad(Tensor gradient) {
        value.setGrad(gradient);
    }

    @Override
    public String toString() {
        return "Parameter containing:\n" + value;
    }
}
