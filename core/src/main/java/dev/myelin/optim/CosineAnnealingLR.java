package dev.myelin.optim;

/**
 * Cosine annealing (Loshchilov &amp; Hutter, "SGDR", ICLR 2017) from the base rate to {@code etaMin}
 * over {@code tMax} epochs, as {@code torch.optim.lr_scheduler.CosineAnnealingLR}, optionally after a
 * linear warm-up. With {@code w} warm-up epochs and start factor {@code s}:
 * <pre>
 * lr(epoch) = baseLr · (s + (1 - s) · epoch / w)                                   epoch &lt; w
 * lr(epoch) = etaMin + (baseLr - etaMin) · (1 + cos(π · (epoch - w) / (tMax - w))) / 2    epoch &gt;= w
 * </pre>
 * so the warm-up climbs from {@code s·baseLr} to {@code baseLr}, and the cosine reaches {@code etaMin}
 * at epoch {@code tMax}; {@code tMax} counts the warm-up. Without warm-up ({@code w = 0}) this is
 * PyTorch's {@code CosineAnnealingLR(T_max=tMax, eta_min=etaMin)}; with it, PyTorch's
 * {@code SequentialLR([LinearLR(start_factor=s, total_iters=w), CosineAnnealingLR(T_max=tMax-w, eta_min=etaMin)],
 * milestones=[w])}. These are the closed forms of PyTorch's schedules; its own {@code step()} gets
 * there recursively, from the previous rate, and agrees with them to about 1e-15 relative.
 *
 * <p>Stepped past {@code tMax}, the rate follows the cosine back up, as PyTorch's does.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;
    private final int warmupSteps;
    private final double warmupStartFactor;

    /** Cosine from the base rate to 0 over {@code tMax} epochs. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    /** Cosine from the base rate to {@code etaMin} over {@code tMax} epochs. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        this(optimizer, tMax, etaMin, 0, 1);
    }

    /**
     * A linear warm-up over {@code warmupSteps} epochs from {@code warmupStartFactor · baseLr}, then the
     * cosine to {@code etaMin} over the remaining {@code tMax - warmupSteps} epochs.
     *
     * @throws IllegalArgumentException unless {@code 0 <= warmupSteps < tMax}, {@code 0 < warmupStartFactor <= 1}
     *     and {@code etaMin} is a finite number {@code >= 0}
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin, int warmupSteps, double warmupStartFactor) {
        Checks.positive("tMax", tMax);
        if (warmupSteps < 0 || warmupSteps >= tMax) {
            throw new IllegalArgumentException("warmupSteps must be in [0, tMax) = [0, " + tMax + "), got " + warmupSteps);
        }
        if (!(warmupStartFactor > 0 && warmupStartFactor <= 1)) {
            throw new IllegalArgumentException("warmupStartFactor must be in (0, 1], got " + warmupStartFactor);
        }
        this.tMax = tMax;
        this.etaMin = Checks.nonNegative("etaMin", etaMin);
        this.warmupSteps = warmupSteps;
        this.warmupStartFactor = warmupStartFactor;
        super(optimizer);
    }

    @Override
    protected double lrAt(double baseLr, int epoch) {
        if (epoch < warmupSteps) {
            return baseLr * (warmupStartFactor + (1.0 - warmupStartFactor) * epoch / warmupSteps);
        }
        int t = epoch - warmupSteps;
        int period = tMax - warmupSteps;
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * t / period)) / 2;
    }
}
