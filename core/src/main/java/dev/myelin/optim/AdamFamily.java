package dev.myelin.optim;

import dev.myelin.kernel.AdamCoefficients;
import dev.myelin.kernel.OptimizerKernels;
import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.SequencedCollection;

/**
 * What {@link Adam} and {@link AdamW} share: the moment decays beta1 and beta2, eps, the state
 * buffers {@code exp_avg} (the running mean {@code m} of the gradient) and {@code exp_avg_sq} (the
 * running mean {@code v} of its square), and the update with its bias corrections. They differ only in
 * how weight decay enters the step: Adam adds {@code weightDecay·p} to the gradient, AdamW multiplies
 * {@code p} by {@code 1 - lr·weightDecay}. Each class states its update rule in full.
 */
public abstract sealed class AdamFamily extends Optimizer implements HasMomentum permits Adam, AdamW {
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";
    static final List<String> STATE_NAMES = List.of(EXP_AVG, EXP_AVG_SQ);

    private double beta1;
    private final double beta2;
    private final double eps;
    /** Refilled for each parameter's update, so that a step allocates nothing. */
    private final AdamCoefficients coefficients = new AdamCoefficients();

    AdamFamily(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, weightDecay);
        this.beta1 = Checks.unitInterval("beta1", beta1);
        this.beta2 = Checks.unitInterval("beta2", beta2);
        this.eps = Checks.positive("eps", eps);
    }

    AdamFamily(SequencedCollection<ParamGroup> groups, double lr, double beta1, double beta2, double eps,
            double weightDecay) {
        super(groups, lr, weightDecay);
        this.beta1 = Checks.unitInterval("beta1", beta1);
        this.beta2 = Checks.unitInterval("beta2", beta2);
        this.eps = Checks.positive("eps", eps);
    }

    /**
     * beta1, the decay of the gradient's running mean: {@code m = beta1·m + (1 - beta1)·g}.
     *
     * @return beta1, in [0, 1) (default 0.9); {@link OneCycleLR} may change it between steps
     */
    public double beta1() {
        return beta1;
    }

    /**
     * beta2, the decay of the squared gradient's running mean: {@code v = beta2·v + (1 - beta2)·g²}.
     *
     * @return beta2, in [0, 1) (default 0.999)
     */
    public double beta2() {
        return beta2;
    }

    /**
     * The term added to the denominator, {@code sqrt(v) / sqrt(1 - beta2^t) + eps}, which keeps the step
     * finite where {@code v} is 0.
     *
     * @return eps, above 0 (default 1e-8)
     */
    public double eps() {
        return eps;
    }

    /**
     * beta1, which plays the part of momentum (for {@link OneCycleLR}, as PyTorch's {@code betas[0]}).
     *
     * @return beta1, in [0, 1)
     */
    @Override
    public double momentum() {
        return beta1;
    }

    /**
     * Sets beta1 for the following steps; the moments already accumulated are kept.
     *
     * @param beta1 the new beta1, in [0, 1)
     * @throws IllegalArgumentException if {@code beta1} is outside [0, 1)
     */
    @Override
    public void setMomentum(double beta1) {
        this.beta1 = Checks.unitInterval("beta1", beta1);
    }

    @Override
    protected List<String> stateNames() {
        return STATE_NAMES;
    }

    /**
     * One Adam step, with an L2 term {@code l2} added to the gradient and the parameter first multiplied
     * by {@code decay}. Bias corrections are computed in double, as PyTorch does in Python, and rounded
     * to float where they meet the tensors.
     */
    final void adamStep(Tensor param, Tensor grad, ParamState state, double lr, double l2, double decay) {
        double biasCorrection1 = 1 - Math.pow(beta1, state.step());
        double biasCorrection2 = 1 - Math.pow(beta2, state.step());
        double stepSize = lr / biasCorrection1;
        Tensor m = state.buffer(EXP_AVG);
        Tensor v = state.buffer(EXP_AVG_SQ);
        AdamCoefficients c = coefficients;
        c.decay = (float) decay;
        c.l2 = (float) l2;
        c.beta1 = (float) beta1;
        c.oneMinusBeta1 = (float) (1 - beta1);
        c.beta2 = (float) beta2;
        c.oneMinusBeta2 = (float) (1 - beta2);
        c.biasCorrection2Sqrt = (float) Math.sqrt(biasCorrection2);
        c.eps = (float) eps;
        c.negStepSize = (float) -stepSize;
        OptimizerKernels.adam(param.array(), param.arrayOffset(), grad.array(), grad.arrayOffset(),
                m.array(), m.arrayOffset(), v.array(), v.arrayOffset(), param.size(), c);
    }

    /**
     * The options of {@link Adam} and {@link AdamW}, from {@link Adam#options()} or {@link AdamW#options()}
     * with PyTorch's defaults until set; every setter returns a new value, so one {@code Options} can be
     * shared. Each value is checked when it is set.
     *
     * @param lr          the learning rate, a finite number {@code >= 0} (default 1e-3)
     * @param beta1       the decay of the gradient's running mean {@code m}, in [0, 1) (default 0.9)
     * @param beta2       the decay of the squared gradient's running mean {@code v}, in [0, 1) (default 0.999)
     * @param eps         the term added to the denominator, a finite number {@code > 0} (default 1e-8)
     * @param weightDecay a finite number {@code >= 0}: for Adam the L2 coefficient, {@code weightDecay·p}
     *                    added to the gradient (default 0); for AdamW the decoupled decay,
     *                    {@code p ← p·(1 - lr·weightDecay)} before the step (default 0.01)
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay) {
        /**
         * Checks each number.
         *
         * @throws IllegalArgumentException naming the first number out of its range
         */
        public Options {
            Checks.nonNegative("lr", lr);
            Checks.unitInterval("beta1", beta1);
            Checks.unitInterval("beta2", beta2);
            Checks.positive("eps", eps);
            Checks.nonNegative("weight decay", weightDecay);
        }

        /**
         * Sets the learning rate.
         *
         * @param value a finite number {@code >= 0}
         * @return a copy with this learning rate
         * @throws IllegalArgumentException if {@code value} is negative or not finite
         */
        public Options lr(double value) {
            return new Options(value, beta1, beta2, eps, weightDecay);
        }

        /**
         * Sets both moment decays, PyTorch's {@code betas=(beta1, beta2)}.
         *
         * @param beta1 the decay of the gradient's running mean, in [0, 1)
         * @param beta2 the decay of the squared gradient's running mean, in [0, 1)
         * @return a copy with these betas
         * @throws IllegalArgumentException if a beta is outside [0, 1)
         */
        public Options betas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay);
        }

        /**
         * Sets the term added to the denominator.
         *
         * @param value a finite number {@code > 0}
         * @return a copy with this eps
         * @throws IllegalArgumentException if {@code value} is not a finite number above 0
         */
        public Options eps(double value) {
            return new Options(lr, beta1, beta2, value, weightDecay);
        }

        /**
         * Sets the weight decay: Adam's L2 coefficient, AdamW's decoupled decay.
         *
         * @param value a finite number {@code >= 0}; 0 turns it off
         * @return a copy with this weight decay
         * @throws IllegalArgumentException if {@code value} is negative or not finite
         */
        public Options weightDecay(double value) {
            return new Options(lr, beta1, beta2, eps, value);
        }
    }
}
