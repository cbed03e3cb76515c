package dev.myelin.optim;

import dev.myelin.kernel.OptimizerKernels;
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
public final class Adam extends Optimizer implements HasMomentum {
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";
    static final List<String> STATE_NAMES = List.of(EXP_AVG, EXP_AVG_SQ);

    private double beta1;
    private final double beta2;
    private final double eps;

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
     * @throws IllegalArgumentException if lr, eps or weightDecay is negative or not finite, or a beta is outside [0, 1)
     */
    public Adam(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, weightDecay);
        this.beta1 = Checks.unitInterval("beta1", beta1);
        this.beta2 = Checks.unitInterval("beta2", beta2);
        this.eps = Checks.nonNegative("eps", eps);
    }

    /** Over parameter groups (see {@link ParamGroup}), with default betas and eps; {@code lr} is the groups' default. */
    public Adam(SequencedCollection<ParamGroup> groups, double lr) {
        this(groups, lr, 0.9, 0.999, 1e-8, 0);
    }

    /** Over parameter groups, with every option; {@code lr} and {@code weightDecay} are defaults for the groups. */
    public Adam(SequencedCollection<ParamGroup> groups, double lr, double beta1, double beta2, double eps,
            double weightDecay) {
        super(groups, lr, weightDecay);
        this.beta1 = Checks.unitInterval("beta1", beta1);
        this.beta2 = Checks.unitInterval("beta2", beta2);
        this.eps = Checks.nonNegative("eps", eps);
    }

    /** beta1, the decay of the gradient's running mean. */
    public double beta1() {
        return beta1;
    }

    /** beta2, the decay of the squared gradient's running mean. */
    public double beta2() {
        return beta2;
    }

    /** The term added to the denominator. */
    public double eps() {
        return eps;
    }

    /** beta1, which plays the part of momentum. */
    @Override
    public double momentum() {
        return beta1;
    }

    /** Sets beta1 (in [0, 1)). */
    @Override
    public void setMomentum(double beta1) {
        this.beta1 = Checks.unitInterval("beta1", beta1);
    }

    @Override
    protected List<String> stateNames() {
        return STATE_NAMES;
    }

    @Override
    protected void update(ParamGroup group, Tensor param, Tensor grad, ParamState state) {
        apply(param, grad, state, group.lr(), beta1, beta2, eps, group.weightDecay(), 1);
    }

    /**
     * One Adam step, with an L2 term {@code l2} added to the gradient and the parameter first multiplied
     * by {@code decay}; shared with {@link AdamW}. Bias corrections are computed in double, as PyTorch
     * does in Python, and rounded to float where they meet the tensors.
     */
    static void apply(Tensor param, Tensor grad, ParamState state, double lr, double beta1, double beta2, double eps,
            double l2, double decay) {
        double biasCorrection1 = 1 - Math.pow(beta1, state.step());
        double biasCorrection2 = 1 - Math.pow(beta2, state.step());
        double stepSize = lr / biasCorrection1;
        Tensor m = state.buffer(EXP_AVG);
        Tensor v = state.buffer(EXP_AVG_SQ);
        OptimizerKernels.adam(param.array(), param.arrayOffset(), grad.array(), grad.arrayOffset(),
                m.array(), m.arrayOffset(), v.array(), v.arrayOffset(), param.size(),
                (float) decay, (float) l2, (float) beta1, (float) (1 - beta1), (float) beta2, (float) (1 - beta2),
                (float) Math.sqrt(biasCorrection2), (float) eps, (float) -stepSize);
    }
}
