package dev.myelin.optim;

import dev.myelin.nn.Parameter;
import java.util.List;

/**
 * Parameters that share a learning rate and a weight decay: one entry of PyTorch's
 * {@code optimizer.param_groups}. An option left unset takes the optimizer's default when the group is
 * given to it, so the usual "no weight decay for biases and norm weights" reads:
 *
 * <pre>{@code
 * var optimizer = new AdamW(List.of(
 *         new ParamGroup(weights),                                  // takes the weight decay below
 *         new ParamGroup(biasesAndNormWeights).setWeightDecay(0)),
 *         AdamW.options().lr(3e-3).weightDecay(0.05));
 * }</pre>
 *
 * A group belongs to the one optimizer it is given to; schedulers change its learning rate in place.
 */
public final class ParamGroup {
    private final List<Parameter> params;
    private Double lr;
    private Double weightDecay;

    /**
     * A group of {@code params}, in order, with every option still to come from the optimizer's defaults.
     *
     * @param params the group's parameters, in order (copied); may be empty if another group has some
     * @throws NullPointerException if {@code params} or one of its elements is null
     */
    public ParamGroup(List<Parameter> params) {
        this.params = List.copyOf(Checks.noNulls("params", params));
    }

    /**
     * The parameters, in order.
     *
     * @return an unmodifiable list; {@code param3} in state keys is its fourth element
     */
    public List<Parameter> params() {
        return params;
    }

    /**
     * The learning rate, which schedulers change in place.
     *
     * @return the rate, {@code >= 0}
     * @throws IllegalStateException if neither this group nor an optimizer has set it yet
     */
    public double lr() {
        if (lr == null) {
            throw new IllegalStateException("this group's lr is not set yet; the optimizer fills in its default");
        }
        return lr;
    }

    /**
     * Sets the learning rate; before the group is given to an optimizer, this overrides the optimizer's.
     *
     * @param lr a finite number {@code >= 0}
     * @return this group, for chaining
     * @throws IllegalArgumentException if {@code lr} is negative or not finite
     */
    public ParamGroup setLr(double lr) {
        this.lr = Checks.nonNegative("lr", lr);
        return this;
    }

    /**
     * The weight decay: for SGD and Adam the L2 coefficient ({@code weightDecay·p} added to the gradient),
     * for AdamW the decoupled decay ({@code p·(1 - lr·weightDecay)}).
     *
     * @return the weight decay, {@code >= 0}
     * @throws IllegalStateException if neither this group nor an optimizer has set it yet
     */
    public double weightDecay() {
        if (weightDecay == null) {
            throw new IllegalStateException("this group's weight decay is not set yet; the optimizer fills in its default");
        }
        return weightDecay;
    }

    /**
     * Sets the weight decay; before the group is given to an optimizer, this overrides the optimizer's
     * (0 for the usual biases and norm weights).
     *
     * @param weightDecay a finite number {@code >= 0}
     * @return this group, for chaining
     * @throws IllegalArgumentException if {@code weightDecay} is negative or not finite
     */
    public ParamGroup setWeightDecay(double weightDecay) {
        this.weightDecay = Checks.nonNegative("weight decay", weightDecay);
        return this;
    }

    /** Gives the options still unset the optimizer's defaults. */
    void fillDefaults(double defaultLr, double defaultWeightDecay) {
        if (lr == null) {
            setLr(defaultLr);
        }
        if (weightDecay == null) {
            setWeightDecay(defaultWeightDecay);
        }
    }
}
