package dev.myelin.optim;

import java.util.Objects;

/**
 * The one-cycle policy (Smith &amp; Topin, "Super-Convergence", 2019), as
 * {@code torch.optim.lr_scheduler.OneCycleLR} with {@code three_phase=False}: over {@code totalSteps}
 * steps (batches, usually) the rate rises from {@code maxLr / divFactor} to {@code maxLr}, then falls to
 * {@code maxLr / divFactor / finalDivFactor}. With {@code up = pctStart · totalSteps - 1} and
 * {@code end = totalSteps - 1}:
 * <pre>
 * lr(epoch) = anneal(initialLr, maxLr, epoch / up)                    epoch &lt;= up
 * lr(epoch) = anneal(maxLr, minLr, (epoch - up) / (end - up))        otherwise
 * anneal(a, b, pct) = b + (a - b) / 2 · (cos(π · pct) + 1)     (COS)
 * anneal(a, b, pct) = (b - a) · pct + a                         (LINEAR)
 * </pre>
 * With {@code cycleMomentum} (the default, as in PyTorch) the optimizer's momentum (SGD's momentum,
 * Adam's beta1; see {@link HasMomentum}) moves the other way, from {@code maxMomentum} down to
 * {@code baseMomentum} and back, with the same annealing. The scheduler may step {@code totalSteps}
 * times; one more is an error. The optimizer's own rate is ignored: {@code maxLr} sets the scale.
 */
public final class OneCycleLR extends LRScheduler {
    /** How the rate moves between its end points. */
    public enum AnnealStrategy {
        /** Half a cosine wave. */
        COS,
        /** A straight line. */
        LINEAR
    }

    private final int totalSteps;
    private final double initialLr;
    private final double maxLr;
    private final double minLr;
    private final double up;
    private final double end;
    private final AnnealStrategy strategy;
    private final HasMomentum momentum;
    private final double baseMomentum;
    private final double maxMomentum;

    /**
     * PyTorch's defaults: {@code pctStart 0.3}, cosine annealing, momentum cycled between 0.85 and 0.95,
     * {@code divFactor 25}, {@code finalDivFactor 1e4}.
     */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, 0.3, AnnealStrategy.COS, true, 0.85, 0.95, 25, 1e4);
    }

    /**
     * Every option, in PyTorch's order.
     *
     * @param cycleMomentum whether to cycle the momentum; the optimizer must then implement {@link HasMomentum}
     * @throws IllegalArgumentException if a value is out of range: {@code totalSteps < 1}, {@code pctStart}
     *     outside [0, 1) or with {@code pctStart · totalSteps == 1} (a warm-up of no length), a negative
     *     rate or momentum, or a division factor that is not positive
     */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, AnnealStrategy annealStrategy,
            boolean cycleMomentum, double baseMomentum, double maxMomentum, double divFactor, double finalDivFactor) {
        this.totalSteps = Checks.positive("totalSteps", totalSteps);
        if (!(pctStart >= 0 && pctStart < 1) || pctStart * totalSteps == 1) {
            throw new IllegalArgumentException("pctStart must be in [0, 1) with pctStart * totalSteps != 1, got "
                    + pctStart + " for " + totalSteps + " steps");
        }
        if (!(divFactor > 0) || !(finalDivFactor > 0)) {
            throw new IllegalArgumentException("divFactor and finalDivFactor must be > 0, got " + divFactor + " and "
                    + finalDivFactor);
        }
        double initial = Checks.nonNegative("maxLr", maxLr) / divFactor;
        this.maxLr = maxLr;
        this.initialLr = initial;
        this.minLr = initial / finalDivFactor;
        this.up = pctStart * totalSteps - 1;
        this.end = totalSteps - 1;
        this.strategy = Objects.requireNonNull(annealStrategy, "annealStrategy");
        if (cycleMomentum && !(optimizer instanceof HasMomentum)) {
            throw new IllegalArgumentException("cycleMomentum needs an optimizer with a momentum (HasMomentum), got "
                    + optimizer.getClass().getSimpleName());
        }
        this.momentum = cycleMomentum ? (HasMomentum) optimizer : null;
        this.baseMomentum = Checks.nonNegative("baseMomentum", baseMomentum);
        this.maxMomentum = Checks.nonNegative("maxMomentum", maxMomentum);
        super(optimizer);
    }

    @Override
    protected double lrAt(double baseLr, int epoch) {
        return epoch <= up
                ? anneal(initialLr, maxLr, epoch / up)
                : anneal(maxLr, minLr, (epoch - up) / (end - up));
    }

    /** The momentum at {@code epoch}, moving opposite to the rate. */
    double momentumAt(int epoch) {
        return epoch <= up
                ? anneal(maxMomentum, baseMomentum, epoch / up)
                : anneal(baseMomentum, maxMomentum, (epoch - up) / (end - up));
    }

    @Override
    protected void applyEpoch(int epoch) {
        super.applyEpoch(epoch);
        if (momentum != null) {
            momentum.setMomentum(momentumAt(epoch));
        }
    }

    @Override
    protected int maxEpoch() {
        return totalSteps;
    }

    private double anneal(double start, double stop, double pct) {
        return switch (strategy) {
            case COS -> stop + (start - stop) / 2.0 * (Math.cos(Math.PI * pct) + 1);
            case LINEAR -> (stop - start) * pct + start;
        };
    }
}
