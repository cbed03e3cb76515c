package dev.myelin.nn;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share (PyTorch's {@code _BatchNorm}): batch
 * normalisation (Ioffe and Szegedy, 2015, "Batch Normalization: Accelerating Deep Network Training by
 * Reducing Internal Covariate Shift") of each channel of an {@code (N, C, *)} input,
 * {@code y = (x - mean) / sqrt(var + eps) · weight + bias}; see {@link Functional#batchNorm} for the math.
 *
 * <p>In training mode the batch statistics normalise (biased variance) and the running statistics are
 * updated in place, {@code running = (1 - momentum)·running + momentum·batchStatistic} with the unbiased
 * variance; {@code num_batches_tracked} counts the training batches. In evaluation mode the running
 * statistics normalise. Without {@code trackRunningStats} there are no running statistics and the batch
 * statistics are used in both modes.
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

    BatchNorm(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
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
        if (affine) {
            this.weight = registerParameter("weight", new Parameter(Tensor.ones(numFeatures)));
            this.bias = registerParameter("bias", new Parameter(Tensor.zeros(numFeatures)));
        } else {
            this.weight = null;
            this.bias = null;
        }
        if (trackRunningStats) {
            this.runningMean = registerBuffer("running_mean", Tensor.zeros(numFeatures));
            this.runningVar = registerBuffer("running_var", Tensor.ones(numFeatures));
            this.numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0f));
        } else {
            this.runningMean = null;
            this.runningVar = null;
            this.numBatchesTracked = null;
        }
    }

    /** Throws unless {@code input} has a rank this layer accepts. */
    abstract void checkRank(Tensor input);

    /** Normalises {@code input (N, C, *)}; the output has the input's shape. */
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

    /** The number of channels C. */
    public int numFeatures() {
        return numFeatures;
    }

    /** Added to the variance before the square root. */
    public double eps() {
        return eps;
    }

    /** Weight of each new batch statistic in the running averages. */
    public double momentum() {
        return momentum;
    }

    /** The scale {@code γ}, {@code (C)}, or null when not affine. */
    public Parameter weight() {
        return weight;
    }

    /** The shift {@code β}, {@code (C)}, or null when not affine. */
    public Parameter bias() {
        return bias;
    }

    /** The running mean, {@code (C)}, or null when not tracking running statistics. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance, {@code (C)}, or null when not tracking running statistics. */
    public Tensor runningVar() {
        return runningVar;
    }

    /** The number of training batches seen, a float tensor of shape {@code []}, or null when not tracking. */
    public Tensor numBatchesTracked() {
        return numBatchesTracked;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Repr.number(eps) + ", momentum=" + Repr.number(momentum) + ", affine="
                + Repr.bool(weight != null) + ", track_running_stats=" + Repr.bool(runningMean != null);
    }
}
