package dev.myelin.optim;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.SequencedCollection;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, arXiv:1412.6980), as
 * {@code torch.optim.Adam} in PyTorch 1.13 (without amsgrad):
 *
 * <pre>{@code
 * new Adam(model.parameters());                                                  // Adam(params)
 * new Adam(model.parameters(), Adam.options().lr(3e-4).weightDecay(1e-4));       // lr=3e-4, weight_decay=1e-4
 * }</pre>
 *
 * <p>The {@linkplain #options() defaults} are PyTorch's: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight
 * decay 0. For each parameter {@code p} with gradient {@code g}, at its step {@code t = 1, 2, ...}:
 * <pre>
 * g     = g + weightDecay·p                    (an L2 penalty, folded into the gradient)
 * m     = beta1·m + (1 - beta1)·g              (state exp_avg: the running mean of g, zeros at first)
 * v     = beta2·v + (1 - beta2)·g²             (state exp_avg_sq: the running mean of g², zeros at first)
 * denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 * p     = p - (lr / (1 - beta1^t))·m / denom
 * </pre>
 * {@code 1 - beta1^t} and {@code 1 - beta2^t} are the bias corrections: {@code m} and {@code v} start at
 * zero, so early on they underestimate the means by those factors. The arithmetic is in float, in this
 * order, as PyTorch's float32 path (the corrections in double, as PyTorch computes them in Python).
 * Because the L2 term passes through the adaptive denominator, weights whose gradients have been large
 * are decayed less than others; {@link AdamW} decays every weight by the same factor instead.
 */
public final class Adam extends AdamFamily {
    /**
     * Adam with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay.
     *
     * @param params the parameters to train, in order (their positions name the state keys); not empty,
     *     none twice
     * @throws IllegalArgumentException if {@code params} is empty or holds a parameter twice
     */
    public Adam(List<Parameter> params) {
        this(params, options());
    }

    /**
     * Adam with the default betas (0.9, 0.999) and eps 1e-8, no weight decay; the same as
     * {@code new Adam(params, Adam.options().lr(lr))}.
     *
     * @param params the parameters to train, in order; not empty, none twice
     * @param lr     the learning rate, a finite number {@code >= 0}
     * @throws IllegalArgumentException if {@code lr} is negative or not finite, or {@code params} is
     *     empty or holds a parameter twice
     */
    public Adam(List<Parameter> params, double lr) {
        this(params, options().lr(lr));
    }

    /**
     * Adam with every option, in PyTorch's order ({@code betas} as two numbers);
     * {@link #Adam(List, AdamFamily.Options)} names them instead.
     *
     * @param params      the parameters to train, in order; not empty, none twice
     * @param lr          the learning rate, a finite number {@code >= 0}
     * @param beta1       the decay of the gradient's running mean, in [0, 1)
     * @param beta2       the decay of the squared gradient's running mean, in [0, 1)
     * @param eps         the term added to the denominator, a finite number {@code > 0}
     * @param weightDecay the L2 coefficient added to the gradient, a finite number {@code >= 0}
     * @throws IllegalArgumentException if lr or weightDecay is negative or not finite, eps not a finite
     *     number above 0, a beta is outside [0, 1), or {@code params} is empty or holds a parameter twice
     */
    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, new AdamFamily.Options(lr, beta1, beta2, eps, weightDecay));
    }

    /**
     * Adam with named options, {@code torch.optim.Adam(params, lr=3e-4, weight_decay=1e-4)}:
     * <pre>{@code new Adam(model.parameters(), Adam.options().lr(3e-4).weightDecay(1e-4))}</pre>
     *
     * @param params  the parameters to train, in order; not empty, none twice
     * @param options lr, betas, eps and weight decay; {@link #options()} for PyTorch's defaults
     * @throws IllegalArgumentException if {@code params} is empty or holds a parameter twice
     */
    public Adam(List<Parameter> params, AdamFamily.Options options) {
        Objects.requireNonNull(options, "options");
        super(params, options.lr(), options.beta1(), options.beta2(), options.eps(), options.weightDecay());
    }

    /**
     * Over parameter groups (see {@link ParamGroup}), with the default betas and eps and no weight
     * decay for groups that set none.
     *
     * @param groups the groups, in order (their positions name the state keys); no parameter twice
     * @param lr     the learning rate of groups that set none, a finite number {@code >= 0}
     * @throws IllegalArgumentException if {@code lr} is negative or not finite, or the groups hold no
     *     parameter or one twice
     */
    public Adam(SequencedCollection<ParamGroup> groups, double lr) {
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
     * @param weightDecay the L2 coefficient of groups that set none, a finite number {@code >= 0}
     * @throws IllegalArgumentException if lr or weightDecay is negative or not finite, eps not a finite
     *     number above 0, a beta is outside [0, 1), or the groups hold no parameter or one twice
     */
    public Adam(SequencedCollection<ParamGroup> groups, double lr, double beta1, double beta2, double eps,
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
    public Adam(SequencedCollection<ParamGroup> groups, AdamFamily.Options options) {
        Objects.requireNonNull(options, "options");
        super(groups, options.lr(), options.beta1(), options.beta2(), options.eps(), options.weightDecay());
    }

    /**
     * PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.
     *
     * @return the default options, to be changed by their setters
     */
    public static AdamFamily.Options options() {
        return new AdamFamily.Options(1e-3, 0.9, 0.999, 1e-8, 0);
    }

    @Override
    protected void update(ParamGroup group, Tensor param, Tensor grad, ParamState state) {
        adamStep(param, grad, state, group.lr(), group.weightDecay(), 1);
    }
}
