package dev.myelin.optim;

/**
 * Decays the rate by {@code gamma} every {@code stepSize} epochs, as {@code torch.optim.lr_scheduler.StepLR}:
 * <pre>
 * lr(epoch) = baseLr · gamma^floor(epoch / stepSize)
 * </pre>
 */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /**
     * Multiplies the rate by {@code gamma} at epochs {@code stepSize}, {@code 2·stepSize}, ...
     *
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
