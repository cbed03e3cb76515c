package dev.myelin.optim;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.SequencedCollection;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization",
 * ICLR 2019, arXiv:1711.05101), as {@code torch.optim.AdamW} in PyTorch 1.13 (without amsgrad):
 *
 * <pre>{@code
 * new AdamW(model.parameters());                                                 // AdamW(params)
 * new AdamW(model.parameters(), AdamW.options().lr(3e-3).weightDecay(0.05));     // lr=3e-3, weight_decay=0.05
 * }</pre>
 *
 * <p>The {@linkplain #options() defaults} are PyTorch's: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight
 * decay 0.01 (where {@link Adam}'s is 0). Each step first shrinks the parameter, then takes an
 * {@link Adam} step on the raw gradient; for each parameter {@code p} with gradient {@code g}, at its
 * step {@code t = 1, 2, ...}:
 * <pre>
 * p     = p·(1 - lr·weightDecay)               (the decoupled decay)
 * m     = beta1·m + (1 - beta1)·g              (state exp_avg, zeros at first)
 * v     = beta2·v + (1 - beta2)·g²             (state exp_avg_sq, zeros at first)
 * denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 * p     = p - (lr / (1 - beta1^t))·m / denom
 * </pre>
 * so the decay is not divided by the adaptive denominator, as an L2 term in Adam is: every weight
 * shrinks by the same factor. As in PyTorch, the decay is multiplied by the learning rate, so it
 * follows {@code lr} and any schedule of it (the paper's {@code η_t·λ} follows the schedule multiplier
 * {@code η_t} but not the base rate). The arithmetic is in float, in this order, as PyTorch's float32
 * path.
 */
public final class AdamW extends AdamFamily {
    /**
     * AdamW with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01.
     *
     * @param params the parameters to train, in order (their positions name the state keys); not empty,
     *     none twice
     * @throws IllegalArgumentException if {@code params} is empty or holds a parameter twice
     */
    public AdamW(List<Parameter> params) {
        this(params, options());
    }

    /**
     * AdamW with the default betas (0.9, 0.999), eps 1e-8 and weight decay 0.01; the same as
     * {@code new AdamW(params, AdamW.options().lr(lr))}.
     *
     * @param params the parameters to train, in order; not empty, none twice
     * @param lr     the learning rate, a finite number {@code >= 0}
     * @throws IllegalArgumentException if {@code lr} is negative or not finite, or {@code params} is
     *     empty or holds a parameter twice
     */
    public AdamW(List<Parameter> params, double lr) {
        this(params, options().lr(lr));
    }

    /**
     * AdamW with every option, in PyTorch's order ({@code betas} as two numbers);
     * {@link #AdamW(List, AdamFamily.Options)} names them instead.
     *
     * @param params      the parameters to train, in order; not empty, none twice
     * @param lr          the learning rate, a finite number {@code >= 0}
     * @param beta1       the decay of the gradient's running mean, in [0, 1)
     * @param beta2       the decay of the squared gradient's running mean, in [0, 1)
     * @param eps         the term added to the denominator, a finite number {@code > 0}
     * @param weightDecay the decoupled decay, {@code p·(1 - lr·weightDecay)} each step; a finite number
     *     {@code >= 0}
     * @throws IllegalArgumentException if lr or weightDecay is negative or not finite, eps not a finite
     *     number above 0, a beta is outside [0, 1), or {@code params} is empty or holds a parameter twice
     */
    public AdamW(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, new AdamFamily.Options(lr, beta1, beta2, eps, weightDecay));
    }

    /**
     * AdamW with named options, {@code torch.optim.AdamW(params, lr=3e-3, weight_decay=0.05)}:
     * <pre>{@code new AdamW(model.parameters(), AdamW.options().lr(3e-3).weightDecay(0.05))}</pre>
     *
     * @param params  the parameters to train, in order; not empty, none twice
     * @param options lr, betas, eps and weight decay; {@link #options()} for PyTorch's defaults
     * @throws IllegalArgumentException if {@code params} is empty or holds a parameter twice
     */
    public AdamW(List<Parameter> params, AdamFamily.Options options) {
        Objects.requireNonNull(options, "options");
        super(params, options.lr(), options.beta1(), options.beta2(), options.eps(), options.weightDecay());
    }

    /**
     * Over parameter groups (see {@link ParamGroup}), with the default betas and eps, and weight decay
     * 0.01 for groups that set none.
     *
     * @param groups the groups, in order (their positions name the state keys); no parameter twice
     * @param lr     the learning rate of groups that set none, a finite number {@code >= 0}
     * @throws IllegalArgumentException if {@code lr} is negative or not finite, or the groups hold no
     *     parameter or one twice
     */
    public AdamW(SequencedCollection<ParamGroup> groups, double lr) {
        this(groups, options().lr(lr));
    }

    /**
     * Over parameter groups, with every option in PyTorch's order; {@code lr} and {@code weightDecay}
     * are defaults for the groups that set none.
     *
     * @param groups      the groups, in order; no parameter twice
     * @param lr          the learning rate of groups that set none, a finite number {@code >= 0}
     * @param beta1       the decay of the gradient's running mean, in [0, 1)
     * @param beta2       the decay of the squared gradient's running mean, in [0, 1)
     * @param eps         the term added to the denominator, a finite number {@code > 0}
     * @param weightDecay the decoupled decay of groups that set none, a finite number {@code >= 0}
     * @throws IllegalArgumentException if lr or weightDecay is negative or not finite, eps not a finite
     *     number above 0, a beta is outside [0, 1), or the groups hold no parameter or one twice
     */
    public AdamW(SequencedCollection<ParamGroup> groups, double lr, double beta1, double beta2, double eps,
            double weightDecay) {
        this(groups, new AdamFamily.Options(lr, beta1, beta2, eps, weightDecay));
    }

    /**
     * Over parameter groups, with named options; the options' lr and weight decay are defaults for the
     * groups that set none.
     *
     * @param groups  the groups, in order; no parameter twice
     * @param options lr, betas, eps and weight decay; {@link #options()} for PyTorch's defaults
     * @throws IllegalArgumentException if the groups hold no parameter or one twice
     */
    public AdamW(SequencedCollection<ParamGroup> groups, AdamFamily.Options options) {
        Objects.requireNonNull(options, "options");
        super(groups, options.lr(), options.beta1(), options.beta2(), options.eps(), options.weightDecay());
    }

    /**
     * PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01.
     *
     * @return the default options, to be changed by their setters
     */
    public static AdamFamily.Options options() {
        return new AdamFamily.Options(1e-3, 0.9, 0.999, 1e-8, 1e-2);
    }

    @Override
    protected void update(ParamGroup group, Tensor param, Tensor grad, ParamState state) {
        adamStep(param, grad, state, group.lr(), 0, 1 - group.lr() * group.weightDecay());
    }
}
