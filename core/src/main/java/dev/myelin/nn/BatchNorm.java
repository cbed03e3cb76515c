package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;
import java.util.Objects;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share (PyTorch's {@code _BatchNorm}): batch
 * normalisation (Ioffe and Szegedy, 2015, "Batch Normalization: Accelerating Deep Network Training by
 * Reducing Internal Covariate Shift", arXiv:1502.03167) of each channel of an {@code (N, C, *)} input,
 *
 * <pre>
 *   y = (x - mean) / sqrt(var + eps) · weight + bias
 * </pre>
 *
 * with {@code mean}, {@code var}, {@code weight} and {@code bias} taken per channel; see
 * {@link Functional#batchNorm} for the op and its gradients.
 *
 * <p>In training mode the batch statistics normalise: each channel's mean and biased variance over its
 * {@code m = N·(product of *)} values, so a channel needs {@code m > 1}. The running statistics are then
 * updated in place with PyTorch's convention for {@code momentum},
 * {@code running = (1 - momentum)·running + momentum·batchStatistic}, the variance entering unbiased
 * ({@code var·m/(m - 1)}); {@code num_batches_tracked} counts the training batches. (Keras' and
 * TensorFlow's momentum is the weight of the old value: their 0.9 is momentum 0.1 here. PyTorch's
 * {@code momentum=None}, a cumulative average, is not offered.) In evaluation mode the running
 * statistics normalise. Without {@code trackRunningStats} there are no running statistics and the batch
 * statistics are used in both modes.
 *
 * <p>Settings and their defaults, all PyTorch's: {@code eps = 1e-5}, {@code momentum = 0.1},
 * {@code affine = true}, {@code trackRunningStats = true}. Give them by name with {@link Options}:
 * {@code new BatchNorm2d(64, BatchNorm2d.options().momentum(0.01))}.
 *
 * <p>State (PyTorch's names and initial values): parameters {@code weight} (ones) and {@code bias} (zeros),
 * both {@code (C)}, when affine; buffers {@code running_mean} (zeros) and {@code running_var} (ones),
 * both {@code (C)}, and {@code num_batches_tracked}, when tracking running statistics.
 * {@code num_batches_tracked} is an int64 in PyTorch; here it is a float tensor of shape {@code []}, exact
 * up to 2^24 batches (convert when exchanging state dicts with PyTorch).
 */
public abstract class BatchNorm extends Module {
    private final int numFeatures;
    private final double eps;
    private final double momentum;
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    /** PyTorch's defaults, which {@code options()} of each subclass returns. */
    static final Options DEFAULTS = new Options(1e-5, 0.1, true, true);

    BatchNorm(int numFeatures, Options options) {
        Objects.requireNonNull(options, "options");
        double eps = options.eps();
        double momentum = options.momentum();
        if (numFeatures < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the number of features must be positive, got "
                    + numFeatures);
        }
        if (!(eps > 0) || eps == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": eps must be a finite number > 0, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": momentum must be in [0, 1], got " + momentum);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        if (options.affine()) {
            this.weight = registerParameter("weight", new Parameter(Tensor.ones(numFeatures)));
            this.bias = registerParameter("bias", new Parameter(Tensor.zeros(numFeatures)));
        } else {
            this.weight = null;
            this.bias = null;
        }
        if (options.trackRunningStats()) {
            this.runningMean = registerBuffer("running_mean", Tensor.zeros(numFeatures));
            this.runningVar = registerBuffer("running_var", Tensor.ones(numFeatures));
            this.numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0f));
        } else {
            this.runningMean = null;
            this.runningVar = null;
            this.numBatchesTracked = null;
        }
    }

    /**
     * The settings of a batch norm layer, each with PyTorch's default until set; start from
     * {@link BatchNorm1d#options()} or {@link BatchNorm2d#options()}. Every setter returns a new value, so
     * one {@code Options} can be shared. The layer checks the values when it is built.
     *
     * @param eps               added to the variance before the square root, a finite number {@code > 0}
     *                          (default {@code 1e-5})
     * @param momentum          weight of each new batch statistic in the running averages, in [0, 1]
     *                          (default 0.1; PyTorch's convention, see {@link BatchNorm})
     * @param affine            whether to learn a per-channel scale {@code weight} and shift {@code bias}
     *                          (default true)
     * @param trackRunningStats whether to keep running statistics and normalise with them in evaluation
     *                          mode; without them both modes use the batch's (default true)
     */
    public record Options(double eps, double momentum, boolean affine, boolean trackRunningStats) {
        /**
         * These options with another {@code eps}.
         *
         * @param value added to the variance before the square root, a finite number {@code > 0}
         * @return a new {@code Options}; this one is unchanged
         */
        public Options eps(double value) {
            return new Options(value, momentum, affine, trackRunningStats);
        }

        /**
         * These options with another {@code momentum}.
         *
         * @param value weight of each new batch statistic in the running averages, in [0, 1]
         * @return a new {@code Options}; this one is unchanged
         */
        public Options momentum(double value) {
            return new Options(eps, value, affine, trackRunningStats);
        }

        /**
         * These options with or without the learned per-channel scale and shift.
         *
         * @param value false for a layer without {@code weight} and {@code bias} (scale 1, shift 0)
         * @return a new {@code Options}; this one is unchanged
         */
        public Options affine(boolean value) {
            return new Options(eps, momentum, value, trackRunningStats);
        }

        /**
         * These options with or without running statistics.
         *
         * @param value false for a layer without running statistics, which normalises with the batch's
         *              statistics in evaluation mode too
         * @return a new {@code Options}; this one is unchanged
         */
        public Options trackRunningStats(boolean value) {
            return new Options(eps, momentum, affine, value);
        }
    }

    /** Throws unless {@code input} has a rank this layer accepts. */
    abstract void checkRank(Tensor input);

    /**
     * Normalises {@code input (N, C, *)} per channel (see {@link BatchNorm} for which statistics each
     * mode uses); in training mode with running statistics, also updates them and counts the batch.
     *
     * @param input {@code (N, C, *)} with the ranks the subclass accepts and {@code C = numFeatures()}
     * @return a new tensor of the input's shape
     * @throws IllegalArgumentException if the rank or the channel count is wrong, or if batch statistics
     *                                  are needed and a channel has a single value ({@code N·(product of *) = 1})
     */
    @Override
    public Tensor forward(Tensor input) {
        checkRank(input);
        if (input.dim(1) != numFeatures) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected " + numFeatures
                    + " channels (dimension 1), got input of shape " + input.shape());
        }
        boolean tracking = runningMean != null;
        Tensor out = Functional.batchNorm(input, runningMean, runningVar, weight == null ? null : weight.value(),
                bias == null ? null : bias.value(), isTraining() || !tracking, momentum, eps);
        if (isTraining() && tracking) {
            numBatchesTracked.array()[numBatchesTracked.arrayOffset()] += 1;
        }
        return out;
    }

    /**
     * The number of channels.
     *
     * @return C, the size of dimension 1 of the inputs and of every parameter and buffer
     */
    public int numFeatures() {
        return numFeatures;
    }

    /**
     * The term that keeps the division finite.
     *
     * @return the {@code eps} added to the variance before the square root (default 1e-5)
     */
    public double eps() {
        return eps;
    }

    /**
     * How fast the running statistics follow the batches.
     *
     * @return the weight of each new batch statistic in the running averages, in [0, 1] (default 0.1)
     */
    public double momentum() {
        return momentum;
    }

    /**
     * The learned scale.
     *
     * @return {@code weight} ({@code γ} in the paper), {@code (C)}, initially ones; null when not affine
     */
    public Parameter weight() {
        return weight;
    }

    /**
     * The learned shift.
     *
     * @return {@code bias} ({@code β} in the paper), {@code (C)}, initially zeros; null when not affine
     */
    public Parameter bias() {
        return bias;
    }

    /**
     * The running mean, updated in place by each training batch.
     *
     * @return {@code running_mean}, {@code (C)}, initially zeros; null when not tracking running statistics
     */
    public Tensor runningMean() {
        return runningMean;
    }

    /**
     * The running variance, updated in place by each training batch with the batch's unbiased variance.
     *
     * @return {@code running_var}, {@code (C)}, initially ones; null when not tracking running statistics
     */
    public Tensor runningVar() {
        return runningVar;
    }

    /**
     * The number of training batches seen.
     *
     * @return {@code num_batches_tracked}, a float tensor of shape {@code []}; null when not tracking
     *         running statistics
     */
    public Tensor numBatchesTracked() {
        return numBatchesTracked;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Repr.number(eps) + ", momentum=" + Repr.number(momentum) + ", affine="
                + Repr.bool(weight != null) + ", track_running_stats=" + Repr.bool(runningMean != null);
    }
}
