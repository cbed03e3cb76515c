package dev.myelin.io;

import dev.myelin.nn.Module;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Checkpoint#save} writes: a model, its optimizer, optionally a learning-rate scheduler,
 * any number of named random generators, the epoch and step counters, and named metrics.
 *
 * <p>It holds references, not copies: the objects' state is read when the checkpoint is saved.
 *
 * <pre>{@code
 * CheckpointState state = CheckpointState.builder(model, optimizer)
 *         .scheduler(scheduler)
 *         .generator("data", shuffleGenerator)
 *         .epoch(epoch).step(step)
 *         .metric("val_loss", valLoss)
 *         .build();
 * }</pre>
 */
public final class CheckpointState {
    private final Module model;
    private final Optimizer optimizer;
    private final LRScheduler scheduler;
    private final Map<String, Generator> generators;
    private final long epoch;
    private final long step;
    private final Map<String, Double> metrics;

    private CheckpointState(Builder b) {
        model = b.model;
        optimizer = b.optimizer;
        scheduler = b.scheduler;
        generators = Collections.unmodifiableMap(new LinkedHashMap<>(b.generators));
        epoch = b.epoch;
        step = b.step;
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
    }

    /**
     * Starts a state of {@code model} trained by {@code optimizer}, at epoch 0 and step 0, with no
     * scheduler, generator or metric.
     *
     * @param model the model whose parameters and buffers are saved
     * @param optimizer the optimizer whose state is saved: its buffers (such as Adam's moments), step
     *     counts and per-group options
     * @return a builder
     * @throws NullPointerException if either is null
     */
    public static Builder builder(Module model, Optimizer optimizer) {
        return new Builder(model, optimizer);
    }

    /**
     * The model whose parameters and buffers are saved.
     *
     * @return the model given to {@link #builder}, not a copy
     */
    public Module model() {
        return model;
    }

    /**
     * The optimizer whose state is saved.
     *
     * @return the optimizer given to {@link #builder}, not a copy
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The learning-rate scheduler whose state is saved.
     *
     * @return the scheduler, not a copy, or null for none (the default)
     */
    public LRScheduler scheduler() {
        return scheduler;
    }

    /**
     * The random generators whose state is saved.
     *
     * @return the generators by name, in the order they were added, unmodifiable; empty by default
     */
    public Map<String, Generator> generators() {
        return generators;
    }

    /**
     * The epoch counter, as the training loop defines it.
     *
     * @return a non-negative count; 0 by default
     */
    public long epoch() {
        return epoch;
    }

    /**
     * The step counter, as the training loop defines it.
     *
     * @return a non-negative count; 0 by default
     */
    public long step() {
        return step;
    }

    /**
     * The metrics to save.
     *
     * @return the values by name, in the order they were added, unmodifiable; empty by default
     */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** Collects the parts of a {@link CheckpointState}. */
    public static final class Builder {
        private final Module model;
        private final Optimizer optimizer;
        private LRScheduler scheduler;
        private final Map<String, Generator> generators = new LinkedHashMap<>();
        private long epoch;
        private long step;
        private final Map<String, Double> metrics = new LinkedHashMap<>();

        private Builder(Module model, Optimizer optimizer) {
            this.model = Objects.requireNonNull(model, "model");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        /**
         * Saves {@code scheduler}'s state too.
         *
         * @param scheduler a scheduler of this state's optimizer, or null for none (the default)
         * @return this builder
         * @throws IllegalArgumentException if it schedules another optimizer than this state's
         */
        public Builder scheduler(LRScheduler scheduler) {
            if (scheduler != null && scheduler.optimizer() != optimizer) {
                throw new IllegalArgumentException("the scheduler sets the rates of another optimizer than the one saved");
            }
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Saves {@code generator}'s state under {@code name}.
         *
         * @param name the name the generator is restored by, such as {@code "data"}; not empty
         * @param generator the generator, whose state is read when the checkpoint is saved
         * @return this builder
         * @throws IllegalArgumentException if the name is null, empty or already used
         * @throws NullPointerException if {@code generator} is null
         */
        public Builder generator(String name, Generator generator) {
            checkName("generator", name, generators);
            generators.put(name, Objects.requireNonNull(generator, "generator"));
            return this;
        }

        /**
         * Sets the epoch counter.
         *
         * @param epoch a non-negative count, meaning what the training loop means by it; default 0
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder epoch(long epoch) {
            this.epoch = nonNegative("epoch", epoch);
            return this;
        }

        /**
         * Sets the step counter.
         *
         * @param step a non-negative count, meaning what the training loop means by it; default 0
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder step(long step) {
            this.step = nonNegative("step", step);
            return this;
        }

        /**
         * Saves a metric (any double, NaN and infinities included) under {@code name}.
         *
         * @param name the metric's name, such as {@code "val_loss"}; not empty
         * @param value its value, read back exactly
         * @return this builder
         * @throws IllegalArgumentException if the name is null, empty or already used
         */
        public Builder metric(String name, double value) {
            checkName("metric", name, metrics);
            metrics.put(name, value);
            return this;
        }

        /**
         * Saves every metric of {@code values}, in its iteration order, as {@link #metric} does.
         *
         * @param values metrics by name; no name may be empty or already used, no value null
         * @return this builder
         * @throws IllegalArgumentException if a name is empty or already used
         */
        public Builder metrics(Map<String, Double> values) {
            values.forEach(this::metric);
            return this;
        }

        /**
         * The state collected so far; later calls to this builder do not change it.
         *
         * @return a state holding references to the objects given (their state is read when saved)
         */
        public CheckpointState build() {
            return new CheckpointState(this);
        }

        private static void checkName(String what, String name, Map<String, ?> used) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a " + what + " name must not be empty");
            }
            if (used.containsKey(name)) {
                throw new IllegalArgumentException("the " + what + " name '" + name + "' is already used");
            }
        }

        private static long nonNegative(String what, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(what + " must not be negative, got " + value);
            }
            return value;
        }
    }
}
