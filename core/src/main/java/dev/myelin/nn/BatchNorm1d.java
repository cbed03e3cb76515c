package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * Batch normalisation over each feature of {@code (N, C)} or each channel of {@code (N, C, L)}, as
 * {@code torch.nn.BatchNorm1d} (Ioffe and Szegedy, 2015): the statistics of channel c are taken over N
 * (and L). The output has the input's shape. Defaults are PyTorch's: {@code eps = 1e-5},
 * {@code momentum = 0.1}, affine, tracking running statistics; weight starts at 1 and bias at 0. See
 * {@link BatchNorm} for the rules and state.
 */
public final class BatchNorm1d extends BatchNorm {
    /** A layer with PyTorch's defaults: eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /**
     * A layer with every setting explicit.
     *
     * @param numFeatures       C, the number of features or channels
     * @param eps               added to the variance before the square root
     * @param momentum          weight of each new batch statistic in the running averages
     * @param affine            whether to learn a per-channel scale and shift
     * @param trackRunningStats whether to keep running statistics (and use them in evaluation mode)
     */
    public BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
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
