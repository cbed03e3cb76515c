package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * Batch normalisation over each feature of {@code (N, C)} or each channel of {@code (N, C, L)}, as
 * {@code torch.nn.BatchNorm1d} (Ioffe and Szegedy, 2015, arXiv:1502.03167):
 * {@code y = (x - mean) / sqrt(var + eps) · weight + bias}, the statistics of channel c taken over N
 * (and L). The output has the input's shape. Defaults are PyTorch's: {@code eps = 1e-5},
 * {@code momentum = 0.1}, affine, tracking running statistics; weight starts at 1 and bias at 0. See
 * {@link BatchNorm} for the modes, the running statistics and the state.
 *
 * <pre>{@code
 * new BatchNorm1d(256)                                            // nn.BatchNorm1d(256)
 * new BatchNorm1d(256, BatchNorm1d.options().momentum(0.01))      // nn.BatchNorm1d(256, momentum=0.01)
 * }</pre>
 */
public final class BatchNorm1d extends BatchNorm {
    /**
     * A layer with PyTorch's defaults: eps 1e-5, momentum 0.1, affine, tracking running statistics.
     *
     * @param numFeatures C, the number of features or channels (dimension 1 of the input), at least 1
     */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, options());
    }

    /**
     * A layer with named options, {@code nn.BatchNorm1d(num_features, eps=..., momentum=..., ...)}.
     *
     * @param numFeatures C, the number of features or channels (dimension 1 of the input), at least 1
     * @param options     the settings, from {@link #options()} with the ones to change set
     */
    public BatchNorm1d(int numFeatures, Options options) {
        super(numFeatures, options);
    }

    /**
     * A layer with every setting given in PyTorch's positional order; the same layer as
     * {@code new BatchNorm1d(numFeatures, new BatchNorm.Options(eps, momentum, affine, trackRunningStats))}.
     *
     * @param numFeatures       C, the number of features or channels (dimension 1 of the input), at least 1
     * @param eps               added to the variance before the square root, finite and {@code > 0} (PyTorch: 1e-5)
     * @param momentum          weight of each new batch statistic in the running averages, in [0, 1] (PyTorch: 0.1)
     * @param affine            whether to learn a per-channel scale and shift (PyTorch: true)
     * @param trackRunningStats whether to keep running statistics and use them in evaluation mode (PyTorch: true)
     */
    public BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        this(numFeatures, new Options(eps, momentum, affine, trackRunningStats));
    }

    /**
     * PyTorch's defaults, to change by name: {@code BatchNorm1d.options().eps(1e-3).affine(false)}.
     *
     * @return eps 1e-5, momentum 0.1, affine, tracking running statistics
     */
    public static Options options() {
        return DEFAULTS;
    }

    @Override
    void checkRank(Tensor input) {
        if (input.rank() != 2 && input.rank() != 3) {
            throw new IllegalArgumentException("BatchNorm1d: expected 2D (N, C) or 3D (N, C, L) input, got shape "
                    + input.shape());
        }
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
