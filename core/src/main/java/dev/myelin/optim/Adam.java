package dev.myelin.optim;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.SequencedCollection;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015), as
 * {@code torch.optim.Adam} in PyTorch 1.13 (without amsgrad). For each parameter {@code p} with
 * gradient {@code g}, at its step {@code t = 1, 2, ...}:
 * <pre>
 * g     = g + weightDecay·p                          (an L2 penalty, folded into the gradient)
 * m     = beta1·m + (1 - beta1)·g                    (state exp_avg, zeros at first)
 * v     = beta2·v + (1 - beta2)·g²                   (state exp_avg_sq, zeros at first)
 * denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 * p     = p - (lr / (1 - beta1^t))·m / denom
 * </pre>
 * in float, in this order, as PyTorch's float32 path. For weight decay that does not pass through the
 * adaptive scaling, use {@link AdamW}.
 */
public final class Adam extends AdamFamily {
    /** Adam with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Parameter> params) {
        this(params, 1e-3);
    }

    /** Adam with the default betas (0.9, 0.999) and eps 1e-8, no weight decay. */
    public Adam(List<Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    /**
     * Adam with every option ({@code betas} as two numbers).
     *
     * @throws IllegalArgumentException if lr or weightDecay is negative or not finite, eps not a finite number above 0, or a beta is outside [0, 1)
     */
    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, beta1, beta2, eps, weightDecay);
    }

    /** Over parameter groups (see {@link ParamGroup}), with default betas and eps; {@code lr} is the groups' default. */
    public Adam(SequencedCollection<ParamGroup> groups, double lr) {
        this(groups, lr, 0.9, 0.999, 1e-8, 0);
    }

    /** Over parameter groups, with every option; {@code lr} and {@code weightDecay} are defaults for the groups. */
    public Adam(SequencedCollection<ParamGroup> groups, double lr, double beta1, double beta2, double eps,
            double weightDecay) {
        super(groups, lr, beta1, beta2, eps, weightDecay);
    }

    @Override
    protected void update(ParamGroup group, Tensor param, Tensor grad, ParamState state) {
        adamStep(param, grad, state, group.lr(), group.weightDecay(), 1);
    }
}
