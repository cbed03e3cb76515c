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
 *         new ParamGroup(weights),
 *         new ParamGroup(biasesAndNormWeights).setWeightDecay(0)), 1e-3);
 * }</pre>
 *
 * A group belongs to the one optimizer it is given to; schedulers change its learning rate in place.
 */
public final class ParamGroup {
    private final List<Parameter> params;
    private Double lr;
    private Double weightDecay;

    /** A group of {@code params}, in order, with every option still to come from the optimizer's defaults. */
    public ParamGroup(List<Parameter> params) {
        this.params = List.copyOf(Checks.noNulls("params", params));
    }

    /** The parameters, in order; {@code param3} in state keys is the fourth. */
    public List<Parameter> params() {
        return params;
    }

    /** The learning rate. */
    public double lr() {
        if (lr == null) {
            throw new IllegalStateException("this group's lr is not set yet; the optimizer fills in its default");
        }
        return lr;
    }

    /** Sets the learning rate (at least 0); returns this group. */
    public ParamGroup setLr(double lr) {
        this.lr = Checks.nonNegative("lr", lr);
        return this;
    }

    /** The weight decay (for Adam an L2 term added to the gradient, for AdamW the decoupled decay). */
    public double weightDecay() {
        if (weightDecay == null) {
            throw new IllegalStateException("this group's weight decay is not set yet; the optimizer fills in its default");
        }
        return weightDecay;
    }

    /** Sets the weight decay (at least 0); returns this group. */
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
