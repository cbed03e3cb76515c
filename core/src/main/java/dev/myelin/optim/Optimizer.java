package dev.myelin.optim;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedCollection;

/**
 * Updates parameters from their gradients, as {@code torch.optim.Optimizer}: build it over a model's
 * parameters (or over {@linkplain ParamGroup parameter groups} with their own learning rate and weight
 * decay), then per batch
 *
 * <pre>{@code
 * optimizer.zeroGrad();
 * loss.backward();
 * optimizer.step();
 * }</pre>
 *
 * <p>A step skips frozen parameters and parameters without a gradient; their state stays as it was.
 * Updates write straight into each parameter's storage, outside autograd, like an update under
 * {@code torch.no_grad()}.
 *
 * <h2>Thread safety</h2>
 * An optimizer is not thread-safe, and needs no lock of its own only because a training loop is one
 * thread's business: {@link #step()} and {@link #zeroGrad()} write the parameters, their gradients and
 * the optimizer's state, so they must not overlap each other, a forward or backward pass through the
 * same parameters, or a checkpoint being written. (The kernels a step runs may use the library's worker
 * threads; that is internal and gives the same bits as one thread.)
 *
 * <h2>Checkpoints</h2>
 * {@link #stateTensors()} and {@link #stateScalars()} export everything a resumed run needs, with keys
 * built from the position of a parameter in its group:
 * <ul>
 *   <li>tensors {@code group<g>.param<i>.<name>} for each state buffer, e.g. {@code group0.param3.exp_avg};
 *   <li>scalars {@code group<g>.lr} and {@code group<g>.weight_decay} for every group, and
 *       {@code group<g>.param<i>.step}, the number of updates, for every parameter updated so far.
 * </ul>
 * A checkpoint writer can store the tensors as float32 tensors of a safetensors file (under a prefix
 * such as {@code optimizer.} if it likes) and the scalars in its string metadata, written with
 * {@link Double#toString(double)} and read back with {@link Double#parseDouble}, which round-trips
 * exactly. {@link #loadState} takes the two maps back. The other hyper-parameters (momentum, betas,
 * eps) are not state: the resuming code constructs the optimizer with them again, and a momentum that
 * a schedule moves is set again when the scheduler's state is restored.
 *
 * <h2>Writing an optimizer</h2>
 * A subclass names its per-parameter buffers in {@link #stateNames()} and implements {@link #update},
 * which is called once per parameter per step with the step count already advanced.
 */
public abstract class Optimizer {
    private final List<ParamGroup> groups;
    private final ParamState[][] states;

    /**
     * One group of {@code params} with the given options.
     *
     * @param params      the parameters to train, in order (their positions name the state keys)
     * @param lr          the learning rate, a finite number {@code >= 0}
     * @param weightDecay the weight decay, a finite number {@code >= 0}; what it means is the subclass's
     * @throws IllegalArgumentException if a value is negative or not finite, or {@code params} is empty
     *     or holds a parameter twice
     */
    protected Optimizer(List<Parameter> params, double lr, double weightDecay) {
        this(List.of(new ParamGroup(params)), lr, weightDecay);
    }

    /**
     * Over {@code groups}, in order; options a group leaves unset take {@code lr} and {@code weightDecay}.
     * (A {@link SequencedCollection} rather than a {@code List}, which would clash with the other
     * constructor after erasure; the order matters, as it names the state keys.)
     *
     * @param groups      the parameter groups, in order; the optimizer fills in their unset options
     * @param lr          the learning rate of groups that set none, a finite number {@code >= 0}
     * @param weightDecay the weight decay of groups that set none, a finite number {@code >= 0}
     * @throws IllegalArgumentException if a value is negative or not finite, there is no parameter, or
     *     one appears twice
     */
    protected Optimizer(SequencedCollection<ParamGroup> groups, double lr, double weightDecay) {
        Checks.nonNegative("lr", lr);
        Checks.nonNegative("weight decay", weightDecay);
        this.groups = List.copyOf(Checks.noNulls("groups", groups));
        this.states = new ParamState[this.groups.size()][];
        var seen = new IdentityHashMap<Tensor, String>();
        for (int g = 0; g < this.groups.size(); g++) {
            ParamGroup group = this.groups.get(g);
            group.fillDefaults(lr, weightDecay);
            states[g] = new ParamState[group.params().size()];
            for (int i = 0; i < group.params().size(); i++) {
                String previous = seen.put(group.params().get(i).value(), key(g, i));
                if (previous != null) {
                    throw new IllegalArgumentException("parameter " + key(g, i) + " is the same tensor as " + previous
                            + "; a parameter may appear only once");
                }
            }
        }
        if (seen.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
    }

    /**
     * The parameter groups, PyTorch's {@code param_groups}.
     *
     * @return the groups in order, an unmodifiable list (one group unless built from groups); their
     *     options may be changed in place
     */
    public final List<ParamGroup> paramGroups() {
        return groups;
    }

    /**
     * The learning rate of the first group.
     *
     * @return the first group's rate, which is every group's unless rates were set per group
     */
    public final double lr() {
        return groups.getFirst().lr();
    }

    /**
     * Sets the learning rate of every group (a scheduler's next step overrides it).
     *
     * @param lr a finite number {@code >= 0}
     * @throws IllegalArgumentException if {@code lr} is negative or not finite
     */
    public final void setLr(double lr) {
        Checks.nonNegative("lr", lr);
        for (ParamGroup group : groups) {
            group.setLr(lr);
        }
    }

    /** Drops every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public final void zeroGrad() {
        for (ParamGroup group : groups) {
            for (Parameter p : group.params()) {
                p.zeroGrad();
            }
        }
    }

    /**
     * Updates every parameter that requires grad and has a gradient, with its group's options, by the
     * subclass's rule; the others and their state are left alone.
     *
     * @throws IllegalStateException if a gradient's size differs from its parameter's
     */
    public final void step() {
        for (int g = 0; g < groups.size(); g++) {
            ParamGroup group = groups.get(g);
            for (int i = 0; i < states[g].length; i++) {
                Parameter p = group.params().get(i);
                Tensor grad = p.grad();
                if (!p.requiresGrad() || grad == null) {
                    continue;
                }
                if (grad.size() != p.value().size()) {
                    throw new IllegalStateException("gradient of " + key(g, i) + " has shape " + grad.shape()
                            + " but the parameter has shape " + p.value().shape());
                }
                ParamState state = states[g][i];
                if (state == null) {
                    state = new ParamState(p.value().dims(), stateNames());
                    states[g][i] = state;
                }
                state.advance();
                update(group, p.value(), grad, state);
            }
        }
    }

    /**
     * Applies one update to {@code param} from {@code grad} (both read and written through
     * {@link Tensor#array()}), with the options of its {@code group}; {@code state.step()} counts
     * this update.
     *
     * @param group the parameter's group, whose {@code lr()} and {@code weightDecay()} apply
     * @param param the parameter's value, to be updated in place
     * @param grad  its gradient, of the same size; the update may not keep it
     * @param state what this optimizer remembers about the parameter, step count already advanced
     */
    protected abstract void update(ParamGroup group, Tensor param, Tensor grad, ParamState state);

    /**
     * The names of the buffers this optimizer keeps per parameter.
     *
     * @return the names, in the order their tensors are exported, e.g. {@code exp_avg}, {@code exp_avg_sq}
     */
    protected abstract List<String> stateNames();

    /**
     * Whether a checkpoint may lack the buffer {@code name} for a parameter that was updated (its
     * absence then meaning "not created yet"). False unless overridden.
     *
     * @param name one of {@link #stateNames()}
     * @return true if a missing buffer is to be created at the next step, false if it is an error
     */
    protected boolean isOptionalState(String name) {
        return false;
    }

    // ------------------------------------------------------------------ checkpoints

    /**
     * Copies of the state buffers, for a checkpoint.
     *
     * @return a new map keyed {@code group<g>.param<i>.<name>} (e.g. {@code group0.param3.exp_avg}), in
     *     group and parameter order; each tensor a copy shaped like its parameter
     */
    public final Map<String, Tensor> stateTensors() {
        return OptimizerCheckpoint.tensors(this);
    }

    /**
     * The per-group options and per-parameter step counts, for a checkpoint.
     *
     * @return a new map with {@code group<g>.lr} and {@code group<g>.weight_decay} for every group and
     *     {@code group<g>.param<i>.step} for every parameter updated so far
     */
    public final Map<String, Double> stateScalars() {
        return OptimizerCheckpoint.scalars(this);
    }

    /**
     * Restores the state exported by {@link #stateTensors()} and {@link #stateScalars()}, replacing the
     * current state entirely (parameters absent from the maps start afresh). Nothing changes unless
     * everything checks out.
     *
     * @param tensors the state buffers, as {@link #stateTensors()} gave them (copied in)
     * @param scalars the options and step counts, as {@link #stateScalars()} gave them
     * @throws IllegalArgumentException naming the first problem: a missing or unknown key, a tensor whose
     *     shape differs from its parameter's, a buffer without a step count, or an invalid value
     */
    public final void loadState(Map<String, Tensor> tensors, Map<String, Double> scalars) {
        OptimizerCheckpoint.load(this, tensors, scalars);
    }

    ParamState[][] states() {
        return states;
    }

    /** {@code group<g>.param<i>}, the name of a parameter in messages and state keys. */
    static String key(int group, int param) {
        return "group" + group + ".param" + param;
    }
}
