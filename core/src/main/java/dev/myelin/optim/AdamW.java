package dev.myelin.optim;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.SequencedCollection;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization",
 * ICLR 2019), as {@code torch.optim.AdamW} in PyTorch 1.13 (without amsgrad). Each step first shrinks
 * the parameter, then takes an {@link Adam} step on the raw gradient:
 * <pre>
 * p     = p·(1 - lr·weightDecay)
 * m     = beta1·m + (1 - beta1)·g
 * v     = beta2·v + (1 - beta2)·g²
 * denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 * p     = p - (lr / (1 - beta1^t))·m / denom
 * </pre>
 * so the decay is not scaled by the adaptive denominator, as an L2 term in Adam would be. The
 * default weight decay is 0.01. State buffers: {@code exp_avg}, {@code exp_avg_sq}.
 */
public final class AdamW extends AdamFamily {
    /** AdamW with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public AdamW(List<Parameter> params) {
        this(params, 1e-3);
    }

    /** AdamW with the default betas (0.9, 0.999), eps 1e-8 and weight decay 0.01. */
    public AdamW(List<Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0.01);
    }

    /**
     * AdamW with every option ({@code betas} as two numbers).
     *
     * @throws IllegalArgumentException if lr or weightDecay is negative or not finite, eps not a finite number above 0, or a beta is outside [0, 1)
     */
    public AdamW(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, beta1, beta2, eps, weightDecay);
    }

    /** Over parameter groups (see {@link ParamGroup}), with default betas, eps and weight decay 0.01 for groups without their own. */
    public AdamW(SequencedCollection<ParamGroup> groups, double lr) {
        this(groups, lr, 0.9, 0.999, 1e-8, 0.01);
    }

    /** Over parameter groups, with every option; {@code lr} and {@code weightDecay} are defaults for the groups. */
    public AdamW(SequencedCollection<ParamGroup> groups, double lr, double beta1, double beta2, double eps,
            double weightDecay) {
        super(groups, lr, beta1, beta2, eps, weightDecay);
    }

    @Override
    protected void update(ParamGroup group, Tensor param, Tensor grad, ParamState state) {
        adamStep(param, grad, state, group.lr(), 0, 1 - group.lr() * group.weightDecay());
    }
}
