package dev.myelin.optim;

import dev.myelin.kernel.OptimizerKernels;
import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.SequencedCollection;

/**
 * Stochastic gradient descent with optional momentum, as {@code torch.optim.SGD}. For each parameter
 * {@code p} with gradient {@code g}, step {@code t}:
 * <pre>
 * d   = g + weightDecay·p
 * buf = d                                  at the parameter's first step with momentum
 * buf = momentum·buf + (1 - dampening)·d   afterwards
 * d   = d + momentum·buf   with nesterov,  else  d = buf      (when momentum != 0)
 * p   = p - lr·d
 * </pre>
 * The one state buffer is {@code momentum_buffer}, created only when momentum is non-zero. Nesterov
 * momentum (Sutskever et al. 2013) needs a positive momentum and zero dampening.
 */
public final class SGD extends Optimizer implements HasMomentum {
    static final String MOMENTUM_BUFFER = "momentum_buffer";
    private static final List<String> STATE_NAMES = List.of(MOMENTUM_BUFFER);

    private double momentum;
    private final double dampening;
    private final boolean nesterov;

    /** Plain SGD: no momentum, no weight decay. */
    public SGD(List<Parameter> params, double lr) {
        this(params, lr, 0);
    }

    /** SGD with (heavy-ball) momentum. */
    public SGD(List<Parameter> params, double lr, double momentum) {
        this(params, lr, momentum, 0, 0, false);
    }

    /**
     * SGD with every option, in PyTorch's order.
     *
     * @throws IllegalArgumentException if a value is negative or not finite, or nesterov is asked for
     *     without momentum or with dampening
     */
    public SGD(List<Parameter> params, double lr, double momentum, double dampening, double weightDecay,
            boolean nesterov) {
        super(params, lr, weightDecay);
        this.dampening = Checks.nonNegative("dampening", dampening);
        this.nesterov = nesterov;
        setMomentum(momentum);
    }

    /** Over parameter groups (see {@link ParamGroup}); {@code lr} is the default for groups without their own. */
    public SGD(SequencedCollection<ParamGroup> groups, double lr, double momentum) {
        this(groups, lr, momentum, 0, 0, false);
    }

    /** Over parameter groups, with every option; {@code lr} and {@code weightDecay} are defaults for the groups. */
    public SGD(SequencedCollection<ParamGroup> groups, double lr, double momentum, double dampening,
            double weightDecay, boolean nesterov) {
        super(groups, lr, weightDecay);
        this.dampening = Checks.nonNegative("dampening", dampening);
        this.nesterov = nesterov;
        setMomentum(momentum);
    }

    @Override
    public double momentum() {
        return momentum;
    }

    @Override
    public void setMomentum(double momentum) {
        Checks.nonNegative("momentum", momentum);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum > 0 and zero dampening, got momentum "
                    + momentum + " and dampening " + dampening);
        }
        this.momentum = momentum;
    }

    /** The dampening of the momentum buffer's update. */
    public double dampening() {
        return dampening;
    }

    /** Whether the update uses Nesterov momentum. */
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
        OptimizerKernels.sgdMomentum(param.array(), param.arrayOffset(), grad.array(), grad.arrayOffset(),
                buf.array(), buf.arrayOffset(), param.size(), negLr, weightDecay, (float) momentum,
                (float) (1 - dampening), nesterov, firstStep);
    }
}
