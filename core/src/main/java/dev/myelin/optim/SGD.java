package dev.myelin.optim;

import dev.myelin.kernel.SgdCoefficients;
import dev.myelin.kernel.OptimizerKernels;
import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.SequencedCollection;

/**
 * Stochastic gradient descent with optional momentum, as {@code torch.optim.SGD} in PyTorch 1.13:
 *
 * <pre>{@code
 * new SGD(model.parameters(), 0.1);                                              // SGD(params, lr=0.1)
 * new SGD(model.parameters(), 0.1, SGD.options().momentum(0.9).nesterov(true));  // momentum=0.9, nesterov=True
 * }</pre>
 *
 * <p>The learning rate has no default, as in PyTorch; the {@linkplain #options() options} have
 * PyTorch's: momentum 0, dampening 0, weight decay 0, no Nesterov. For each parameter {@code p} with
 * gradient {@code g}, a step computes, in float32 and in PyTorch's order:
 * <pre>
 * d   = g + weightDecay·p                      (the gradient of an L2 penalty)
 * buf = d                                      at the parameter's first step with momentum
 * buf = momentum·buf + (1 - dampening)·d       at later steps
 * d   = d + momentum·buf   with Nesterov, else   d = buf         (these three only when momentum != 0)
 * p   = p - lr·d
 * </pre>
 * This is PyTorch's form of momentum: {@code lr} scales the buffer on its way out instead of the gradient
 * on its way in (Sutskever et al. 2013, "On the importance of initialization and momentum in deep
 * learning", ICML 2013, write {@code v = momentum·v - lr·g}); the two agree while {@code lr} stays fixed.
 * The Nesterov variant is Nesterov's accelerated gradient as that paper presents it, rewritten (as
 * PyTorch does) to use the gradient at the current parameters; it needs a positive momentum and zero
 * dampening.
 *
 * <p>The one state buffer is {@code momentum_buffer}, created at the first step with momentum
 * (never, while momentum is 0). {@link OneCycleLR} may change the momentum between steps
 * ({@link HasMomentum}).
 */
public final class SGD extends Optimizer implements HasMomentum {
    static final String MOMENTUM_BUFFER = "momentum_buffer";
    private static final List<String> STATE_NAMES = List.of(MOMENTUM_BUFFER);

    private double momentum;
    private final double dampening;
    private final boolean nesterov;
    /** Refilled for each parameter's update, so that a step allocates nothing. */
    private final SgdCoefficients coefficients = new SgdCoefficients();

    /**
     * Plain SGD, {@code p = p - lr·g}: no momentum, no weight decay.
     *
     * @param params the parameters to train, in order (their positions name the state keys); not empty,
     *     none twice
     * @param lr     the learning rate, a finite number {@code >= 0}
     * @throws IllegalArgumentException if {@code lr} is negative or not finite, or {@code params} is
     *     empty or holds a parameter twice
     */
    public SGD(List<Parameter> params, double lr) {
        this(params, lr, 0);
    }

    /**
     * SGD with (heavy-ball) momentum, no dampening and no weight decay; the same as
     * {@code new SGD(params, lr, SGD.options().momentum(momentum))}.
     *
     * @param params   the parameters to train, in order; not empty, none twice
     * @param lr       the learning rate, a finite number {@code >= 0}
     * @param momentum the momentum factor, a finite number {@code >= 0} (0: none)
     * @throws IllegalArgumentException if a value is negative or not finite, or {@code params} is empty
     *     or holds a parameter twice
     */
    public SGD(List<Parameter> params, double lr, double momentum) {
        this(params, lr, momentum, 0, 0, false);
    }

    /**
     * SGD with every option, in PyTorch's order; {@link #SGD(List, double, Options)} names them instead.
     *
     * @param params      the parameters to train, in order; not empty, none twice
     * @param lr          the learning rate, a finite number {@code >= 0}
     * @param momentum    the momentum factor, a finite number {@code >= 0} (0: none)
     * @param dampening   how much of {@code d} the momentum buffer leaves out, a finite number {@code >= 0}
     * @param weightDecay the L2 coefficient added to the gradient, a finite number {@code >= 0}
     * @param nesterov    whether to take Nesterov's step
     * @throws IllegalArgumentException if a value is negative or not finite, nesterov is asked for
     *     without momentum or with dampening, or {@code params} is empty or holds a parameter twice
     */
    public SGD(List<Parameter> params, double lr, double momentum, double dampening, double weightDecay,
            boolean nesterov) {
        this(params, lr, new Options(momentum, dampening, weightDecay, nesterov));
    }

    /**
     * SGD with named options, {@code torch.optim.SGD(params, lr, momentum=0.9, nesterov=True)}:
     * <pre>{@code new SGD(model.parameters(), 0.1, SGD.options().momentum(0.9).nesterov(true))}</pre>
     *
     * @param params  the parameters to train, in order; not empty, none twice
     * @param lr      the learning rate, a finite number {@code >= 0}; no default, as in PyTorch
     * @param options momentum, dampening, weight decay and Nesterov; {@link #options()} for PyTorch's defaults
     * @throws IllegalArgumentException if {@code lr} is negative or not finite, nesterov is asked for
     *     without momentum or with dampening, or {@code params} is empty or holds a parameter twice
     */
    public SGD(List<Parameter> params, double lr, Options options) {
        Objects.requireNonNull(options, "options");
        super(params, lr, options.weightDecay());
        this.dampening = options.dampening();
        this.nesterov = options.nesterov();
        setMomentum(options.momentum());
    }

    /**
     * Over parameter groups (see {@link ParamGroup}), with momentum and no dampening, weight decay or
     * Nesterov.
     *
     * @param groups   the groups, in order (their positions name the state keys); no parameter twice
     * @param lr       the learning rate of groups that set none, a finite number {@code >= 0}
     * @param momentum the momentum factor, a finite number {@code >= 0} (0: none), shared by every group
     * @throws IllegalArgumentException if a value is negative or not finite, or the groups hold no
     *     parameter or one twice
     */
    public SGD(SequencedCollection<ParamGroup> groups, double lr, double momentum) {
        this(groups, lr, momentum, 0, 0, false);
    }

    /**
     * Over parameter groups, with every option in PyTorch's order; {@code lr} and {@code weightDecay}
     * are defaults for the groups that set none.
     *
     * @param groups      the groups, in order; no parameter twice
     * @param lr          the learning rate of groups that set none, a finite number {@code >= 0}
     * @param momentum    the momentum factor, a finite number {@code >= 0} (0: none)
     * @param dampening   how much of {@code d} the momentum buffer leaves out, a finite number {@code >= 0}
     * @param weightDecay the L2 coefficient of groups that set none, a finite number {@code >= 0}
     * @param nesterov    whether to take Nesterov's step
     * @throws IllegalArgumentException if a value is negative or not finite, nesterov is asked for
     *     without momentum or with dampening, or the groups hold no parameter or one twice
     */
    public SGD(SequencedCollection<ParamGroup> groups, double lr, double momentum, double dampening,
            double weightDecay, boolean nesterov) {
        this(groups, lr, new Options(momentum, dampening, weightDecay, nesterov));
    }

    /**
     * Over parameter groups, with named options; {@code lr} and the options' weight decay are defaults
     * for the groups that set none:
     * <pre>{@code
     * new SGD(List.of(new ParamGroup(weights), new ParamGroup(biases).setWeightDecay(0)), 0.1,
     *         SGD.options().momentum(0.9).weightDecay(5e-4))
     * }</pre>
     *
     * @param groups  the groups, in order; no parameter twice
     * @param lr      the learning rate of groups that set none, a finite number {@code >= 0}
     * @param options momentum, dampening, weight decay and Nesterov; {@link #options()} for PyTorch's defaults
     * @throws IllegalArgumentException if {@code lr} is negative or not finite, nesterov is asked for
     *     without momentum or with dampening, or the groups hold no parameter or one twice
     */
    public SGD(SequencedCollection<ParamGroup> groups, double lr, Options options) {
        Objects.requireNonNull(options, "options");
        super(groups, lr, options.weightDecay());
        this.dampening = options.dampening();
        this.nesterov = options.nesterov();
        setMomentum(options.momentum());
    }

    /**
     * PyTorch's defaults: momentum 0, dampening 0, weight decay 0, no Nesterov.
     *
     * @return the default options, to be changed by their setters
     */
    public static Options options() {
        return new Options(0, 0, 0, false);
    }

    /**
     * The options of {@link SGD} besides its learning rate, each with PyTorch's default until set; every
     * setter returns a new value, so one {@code Options} can be shared. Each value is checked when it is
     * set; whether they fit together (Nesterov's needs) when the optimizer is built.
     *
     * @param momentum    the momentum factor, a finite number {@code >= 0} (default 0: plain SGD, no buffer)
     * @param dampening   how much of {@code d} the momentum buffer leaves out, {@code buf = momentum·buf +
     *                    (1 - dampening)·d}; a finite number {@code >= 0} (default 0)
     * @param weightDecay the L2 coefficient, {@code weightDecay·p} added to the gradient; a finite number
     *                    {@code >= 0} (default 0)
     * @param nesterov    whether to take Nesterov's step, {@code d + momentum·buf} (default false); needs
     *                    a momentum above 0 and no dampening
     */
    public record Options(double momentum, double dampening, double weightDecay, boolean nesterov) {
        /**
         * Checks each number.
         *
         * @throws IllegalArgumentException naming the first number that is negative or not finite
         */
        public Options {
            Checks.nonNegative("momentum", momentum);
            Checks.nonNegative("dampening", dampening);
            Checks.nonNegative("weight decay", weightDecay);
        }

        /**
         * Sets the momentum factor.
         *
         * @param value a finite number {@code >= 0}; 0 turns momentum off
         * @return a copy with this momentum
         * @throws IllegalArgumentException if {@code value} is negative or not finite
         */
        public Options momentum(double value) {
            return new Options(value, dampening, weightDecay, nesterov);
        }

        /**
         * Sets the dampening.
         *
         * @param value a finite number {@code >= 0}; must stay 0 with Nesterov
         * @return a copy with this dampening
         * @throws IllegalArgumentException if {@code value} is negative or not finite
         */
        public Options dampening(double value) {
            return new Options(momentum, value, weightDecay, nesterov);
        }

        /**
         * Sets the weight decay (the L2 coefficient).
         *
         * @param value a finite number {@code >= 0}; 0 turns it off
         * @return a copy with this weight decay
         * @throws IllegalArgumentException if {@code value} is negative or not finite
         */
        public Options weightDecay(double value) {
            return new Options(momentum, dampening, value, nesterov);
        }

        /**
         * Sets whether to take Nesterov's step.
         *
         * @param value true for Nesterov momentum (then momentum must be above 0 and dampening 0)
         * @return a copy with this choice
         */
        public Options nesterov(boolean value) {
            return new Options(momentum, dampening, weightDecay, value);
        }
    }

    /**
     * The momentum factor, which {@link OneCycleLR} may change between steps.
     *
     * @return the factor in use, {@code >= 0}; 0 means plain SGD
     */
    @Override
    public double momentum() {
        return momentum;
    }

    /**
     * Sets the momentum factor for the following steps (the buffer is kept).
     *
     * @param momentum a finite number {@code >= 0}; above 0 with Nesterov
     * @throws IllegalArgumentException if {@code momentum} is negative or not finite, or 0 with Nesterov
     */
    @Override
    public void setMomentum(double momentum) {
        Checks.nonNegative("momentum", momentum);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum > 0 and zero dampening, got momentum "
                    + momentum + " and dampening " + dampening);
        }
        this.momentum = momentum;
    }

    /**
     * The dampening of the momentum buffer's update.
     *
     * @return the dampening, {@code >= 0}; 0 (the default) adds the whole of {@code d} to the buffer
     */
    public double dampening() {
        return dampening;
    }

    /**
     * Whether the update uses Nesterov momentum.
     *
     * @return true if each step is {@code d + momentum·buf} rather than {@code buf}
     */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    protected List<String> stateNames() {
        return STATE_NAMES;
    }

    /** A missing momentum buffer is simply created at the next step, as in PyTorch. */
    @Override
    protected boolean isOptionalState(String name) {
        return true;
    }

    @Override
    protected void update(ParamGroup group, Tensor param, Tensor grad, ParamState state) {
        // PyTorch rounds each Python float to float32 where it meets a float32 tensor.
        float negLr = (float) -group.lr();
        float weightDecay = (float) group.weightDecay();
        if (momentum == 0) {
            OptimizerKernels.sgd(param.array(), param.arrayOffset(), grad.array(), grad.arrayOffset(), param.size(),
                    negLr, weightDecay);
            return;
        }
        boolean firstStep = !state.has(MOMENTUM_BUFFER);
        Tensor buf = state.buffer(MOMENTUM_BUFFER);
        SgdCoefficients c = coefficients;
        c.negLr = negLr;
        c.weightDecay = weightDecay;
        c.momentum = (float) momentum;
        c.oneMinusDampening = (float) (1 - dampening);
        c.nesterov = nesterov;
        c.firstStep = firstStep;
        OptimizerKernels.sgdMomentum(param.array(), param.arrayOffset(), grad.array(), grad.arrayOffset(),
                buf.array(), buf.arrayOffset(), param.size(), c);
    }
}
