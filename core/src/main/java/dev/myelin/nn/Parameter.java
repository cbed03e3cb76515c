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

    /** Wraps {@code value}, which must be a leaf (not computed by a recorded op); it is set to require grad. */
    public Parameter(Tensor value) {
        Objects.requireNonNull(value, "value");
        if (!value.isLeaf()) {
            throw new IllegalArgumentException("a Parameter must be a leaf tensor, got one made by " + value.gradFnName()
                    + "; detach() it first");
        }
        this.value = value.requiresGrad(true);
    }

    /** The tensor itself, to use in forward computations. */
    public Tensor value() {
        return value;
    }

    /** The accumulated gradient, or null. */
    public Tensor grad() {
        return value.grad();
    }

    /** Whether gradients are computed for this parameter (false when frozen). */
    public boolean requiresGrad() {
        return value.requiresGrad();
    }

    /** Freezes ({@code false}) or unfreezes the parameter; returns it. */
    public Parameter requiresGrad(boolean requiresGrad) {
        value.requiresGrad(requiresGrad);
        if (!requiresGrad) {
            value.zeroGrad();
        }
        return this;
    }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() {
        value.zeroGrad();
    }

    /** Sets the gradient to a copy of {@code gradient} (null forgets it), as {@code param.grad = g}; see {@link Tensor#setGrad}. */
    public void setGrad(Tensor gradient) {
        value.setGrad(gradient);
    }

    @Override
    public String toString() {
        return "Parameter containing:\n" + value;
    }
}
