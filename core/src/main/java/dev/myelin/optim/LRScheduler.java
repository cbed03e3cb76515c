package dev.myelin.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Sets an optimizer's learning rates from a schedule, as {@code torch.optim.lr_scheduler}. The
 * schedule is a function of an epoch counter that starts at 0 when the scheduler is built (which
 * already applies the epoch-0 rate) and advances by one at each {@link #step()}; whether an "epoch" is
 * a pass over the data or a batch is the caller's choice. Each group's rate comes from its own base
 * rate, the group's {@code lr} when the scheduler was built. (PyTorch takes it from the first
 * scheduler ever built on the optimizer, {@code initial_lr}; with one scheduler per optimizer, the
 * usual case, the two agree.)
 *
 * <p>Rates are computed in closed form from the base rate and the epoch, never by multiplying the
 * previous rate, so they do not drift and a restored scheduler continues exactly.
 *
 * <p>Checkpoints: {@link #stateScalars()} gives {@code last_epoch} and {@code group<g>.base_lr}, to be
 * stored like an optimizer's scalars (see {@link Optimizer}); {@link #loadState} takes them back and
 * re-applies the rate of the restored epoch. The schedule's own settings come from the constructor.
 *
 * <p>A subclass assigns its fields <em>before</em> calling {@code super(optimizer)} (a Java 25
 * flexible constructor body), because this constructor already calls {@link #lrAt}.
 */
public abstract class LRScheduler {
    private static final String LAST_EPOCH = "last_epoch";

    private final Optimizer optimizer;
    private final double[] baseLrs;
    private final double[] lastLrs;
    private int lastEpoch;

    /**
     * Takes the groups' current rates as base rates and applies the rate of epoch 0.
     *
     * @param optimizer the optimizer whose groups' rates this scheduler sets from now on
     * @throws NullPointerException if {@code optimizer} is null
     */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        List<ParamGroup> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int g = 0; g < baseLrs.length; g++) {
            baseLrs[g] = groups.get(g).lr();
        }
        lastLrs = new double[baseLrs.length];
        applyEpoch(0);
    }

    /**
     * The schedule: the learning rate at {@code epoch} for a group whose base rate is {@code baseLr}.
     *
     * @param baseLr the group's base rate, {@code >= 0}
     * @param epoch  the epoch counter, from 0 to {@link #maxEpoch()}
     * @return the rate for that epoch, a finite number {@code >= 0}
     */
    protected abstract double lrAt(double baseLr, int epoch);

    /**
     * The last epoch {@link #step()} may reach.
     *
     * @return {@link Integer#MAX_VALUE} (no end) unless overridden
     */
    protected int maxEpoch() {
        return Integer.MAX_VALUE;
    }

    /**
     * Sets every group's rate for {@code epoch}. A subclass that schedules more than the rate (momentum,
     * say) overrides this and calls {@code super.applyEpoch(epoch)}.
     *
     * @param epoch the epoch whose rates to set, from 0 to {@link #maxEpoch()}; becomes {@link #lastEpoch()}
     */
    protected void applyEpoch(int epoch) {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int g = 0; g < baseLrs.length; g++) {
            lastLrs[g] = lrAt(baseLrs[g], epoch);
            groups.get(g).setLr(lastLrs[g]);
        }
        lastEpoch = epoch;
    }

    /**
     * Advances the epoch counter and sets the rates for the new epoch.
     *
     * @throws IllegalStateException if the schedule has no further epoch
     */
    public void step() {
        if (lastEpoch >= maxEpoch()) {
            throw new IllegalStateException("tried to step " + (lastEpoch + 1) + " times; the schedule has "
                    + maxEpoch() + " steps");
        }
        applyEpoch(lastEpoch + 1);
    }

    /**
     * The epoch counter, PyTorch's {@code last_epoch}.
     *
     * @return 0 after construction, plus one per {@link #step()}
     */
    public final int lastEpoch() {
        return lastEpoch;
    }

    /**
     * The rate this scheduler last set on the first group.
     *
     * @return PyTorch's {@code get_last_lr()[0]}
     */
    public final double lastLr() {
        return lastLrs[0];
    }

    /**
     * The rate this scheduler last set on a group.
     *
     * @param group the group's index in {@link Optimizer#paramGroups()}, from 0
     * @return PyTorch's {@code get_last_lr()[group]}
     * @throws ArrayIndexOutOfBoundsException if there is no such group
     */
    public final double lastLr(int group) {
        return lastLrs[group];
    }

    /**
     * The base rate of a group, the rate the schedule scales.
     *
     * @param group the group's index in {@link Optimizer#paramGroups()}, from 0
     * @return the group's rate when this scheduler was built (or as restored by {@link #loadState})
     * @throws ArrayIndexOutOfBoundsException if there is no such group
     */
    public final double baseLr(int group) {
        return baseLrs[group];
    }

    /**
     * The optimizer whose rates this scheduler sets.
     *
     * @return the optimizer given to the constructor
     */
    public final Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The scheduler's state, for a checkpoint.
     *
     * @return a new map with {@code last_epoch} and each group's {@code group<g>.base_lr}
     */
    public final Map<String, Double> stateScalars() {
        var out = new LinkedHashMap<String, Double>();
        out.put(LAST_EPOCH, (double) lastEpoch);
        for (int g = 0; g < baseLrs.length; g++) {
            out.put(baseLrKey(g), baseLrs[g]);
        }
        return out;
    }

    /**
     * Restores what {@link #stateScalars()} exported and applies the rate of the restored epoch.
     * Nothing changes unless everything checks out.
     *
     * @param state the map {@link #stateScalars()} gave, from a scheduler of the same kind and settings
     * @throws IllegalArgumentException naming the first missing, unknown or invalid entry
     */
    public final void loadState(Map<String, Double> state) {
        SortedSet<String> unused = new TreeSet<>(state.keySet());
        double epoch = required(state, LAST_EPOCH);
        if (!(epoch >= 0 && epoch <= maxEpoch() && epoch == Math.rint(epoch))) {
            throw new IllegalArgumentException(LAST_EPOCH + " must be a whole number in [0, " + maxEpoch() + "], got " + epoch);
        }
        unused.remove(LAST_EPOCH);
        double[] bases = new double[baseLrs.length];
        for (int g = 0; g < bases.length; g++) {
            bases[g] = Checks.nonNegative(baseLrKey(g), required(state, baseLrKey(g)));
            unused.remove(baseLrKey(g));
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("unknown scheduler state " + unused.first() + " (the optimizer has "
                    + baseLrs.length + " group(s))");
        }
        System.arraycopy(bases, 0, baseLrs, 0, bases.length);
        applyEpoch((int) epoch);
    }

    private double required(Map<String, Double> state, String key) {
        Double v = state.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing scheduler state " + key + " (the optimizer has "
                    + baseLrs.length + " group(s))");
        }
        return v;
    }

    private static String baseLrKey(int group) {
        return "group" + group + ".base_lr";
    }
}
