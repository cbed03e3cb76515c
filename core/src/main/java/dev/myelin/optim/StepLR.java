package dev.myelin.optim;

/**
 * Decays the rate by {@code gamma} every {@code stepSize} epochs, as {@code torch.optim.lr_scheduler.StepLR}:
 * <pre>
 * lr(epoch) = baseLr · gamma^floor(epoch / stepSize)
 * </pre>
 * <pre>{@code
 * new StepLR(optimizer, 30);         // StepLR(opt, step_size=30): a tenth of the rate every 30 epochs
 * new StepLR(optimizer, 30, 0.5);    // StepLR(opt, step_size=30, gamma=0.5)
 * }</pre>
 * The default {@code gamma} is PyTorch's, 0.1.
 */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /**
     * Multiplies the rate by 0.1 (PyTorch's default {@code gamma}) at epochs {@code stepSize}, {@code 2·stepSize}, ...
     *
     * @param optimizer the optimizer whose rates this sets; each group's current rate is its base rate
     * @param stepSize  the epochs between decays, at least 1 (PyTorch's {@code step_size})
     * @throws IllegalArgumentException if {@code stepSize < 1}
     */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    /**
     * Multiplies the rate by {@code gamma} at epochs {@code stepSize}, {@code 2·stepSize}, ...
     *
     * @param optimizer the optimizer whose rates this sets; each group's current rate is its base rate
     * @param stepSize  the epochs between decays, at least 1 (PyTorch's {@code step_size})
     * @param gamma     the factor applied at each decay, a finite number {@code >= 0} (PyTorch's default 0.1)
     * @throws IllegalArgumentException if {@code stepSize < 1} or {@code gamma} is negative or not finite
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        this.stepSize = Checks.positive("stepSize", stepSize);
        this.gamma = Checks.nonNegative("gamma", gamma);
        super(optimizer);
    }

    @Override
    protected double lrAt(double baseLr, int epoch) {
        return baseLr * Math.pow(gamma, epoch / stepSize);
    }
}
