package dev.myelin.optim;

import java.util.Objects;

/**
 * Cosine annealing (Loshchilov &amp; Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts",
 * ICLR 2017, arXiv:1608.03983; without the restarts) from the base rate to {@code etaMin} over
 * {@code tMax} epochs, as {@code torch.optim.lr_scheduler.CosineAnnealingLR}, optionally after a
 * linear warm-up:
 *
 * <pre>{@code
 * new CosineAnnealingLR(optimizer, epochs);                                   // CosineAnnealingLR(opt, T_max=epochs)
 * new CosineAnnealingLR(optimizer, steps, CosineAnnealingLR.options().warmupSteps(500).warmupStartFactor(0.01));
 * }</pre>
 *
 * <p>With {@code w} warm-up epochs and start factor {@code s}:
 * <pre>
 * lr(epoch) = baseLr · (s + (1 - s) · epoch / w)                                          epoch &lt; w
 * lr(epoch) = etaMin + (baseLr - etaMin) · (1 + cos(π · (epoch - w) / (tMax - w))) / 2    epoch &gt;= w
 * </pre>
 * so the warm-up climbs from {@code s·baseLr} to {@code baseLr}, and the cosine reaches {@code etaMin}
 * at epoch {@code tMax}; {@code tMax} counts the warm-up. Without warm-up ({@code w = 0}, the default)
 * this is PyTorch's {@code CosineAnnealingLR(T_max=tMax, eta_min=etaMin)}; with it, PyTorch's
 * {@code SequentialLR([LinearLR(start_factor=s, total_iters=w), CosineAnnealingLR(T_max=tMax-w, eta_min=etaMin)],
 * milestones=[w])}. These are the closed forms of PyTorch's schedules; its own {@code step()} gets
 * there recursively, from the previous rate, and agrees with them to about 1e-15 relative.
 *
 * <p>The {@linkplain #options() defaults} are PyTorch's: etaMin 0, no warm-up, and a start factor of
 * 1/3 (LinearLR's) once warm-up steps are set. Stepped past {@code tMax}, the rate follows the cosine
 * back up, as PyTorch's does.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;
    private final int warmupSteps;
    private final double warmupStartFactor;

    /**
     * Cosine from the base rate to 0 over {@code tMax} epochs, {@code CosineAnnealingLR(opt, T_max)}.
     *
     * @param optimizer the optimizer whose rates this sets; each group's current rate is its base rate
     * @param tMax      the epochs to reach the end of the cosine, at least 1 (PyTorch's {@code T_max})
     * @throws IllegalArgumentException if {@code tMax < 1}
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, options());
    }

    /**
     * Cosine from the base rate to {@code etaMin} over {@code tMax} epochs; the same as
     * {@code new CosineAnnealingLR(optimizer, tMax, CosineAnnealingLR.options().etaMin(etaMin))}.
     *
     * @param optimizer the optimizer whose rates this sets; each group's current rate is its base rate
     * @param tMax      the epochs to reach the end of the cosine, at least 1
     * @param etaMin    the rate at epoch {@code tMax}, a finite number {@code >= 0}
     * @throws IllegalArgumentException if {@code tMax < 1} or {@code etaMin} is negative or not finite
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        this(optimizer, tMax, options().etaMin(etaMin));
    }

    /**
     * A linear warm-up over {@code warmupSteps} epochs from {@code warmupStartFactor · baseLr}, then the
     * cosine to {@code etaMin} over the remaining {@code tMax - warmupSteps} epochs;
     * {@link #CosineAnnealingLR(Optimizer, int, Options)} names the options instead.
     *
     * @param optimizer         the optimizer whose rates this sets; each group's current rate is its base rate
     * @param tMax              the epochs to reach the end of the cosine, warm-up included, at least 1
     * @param etaMin            the rate at epoch {@code tMax}, a finite number {@code >= 0}
     * @param warmupSteps       the epochs of linear warm-up, in [0, tMax); 0 for none
     * @param warmupStartFactor the warm-up's first rate as a fraction of the base rate, in (0, 1]
     * @throws IllegalArgumentException unless {@code 0 <= warmupSteps < tMax}, {@code 0 < warmupStartFactor <= 1}
     *     and {@code etaMin} is a finite number {@code >= 0}
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin, int warmupSteps, double warmupStartFactor) {
        this(optimizer, tMax, new Options(etaMin, warmupSteps, warmupStartFactor));
    }

    /**
     * A cosine schedule with named options, e.g. 500 warm-up steps from 1% of the base rate:
     * <pre>{@code
     * new CosineAnnealingLR(optimizer, steps, CosineAnnealingLR.options().warmupSteps(500).warmupStartFactor(0.01))
     * }</pre>
     *
     * @param optimizer the optimizer whose rates this sets; each group's current rate is its base rate
     * @param tMax      the epochs to reach the end of the cosine, warm-up included, at least 1
     * @param options   etaMin and the warm-up; {@link #options()} for PyTorch's defaults
     * @throws IllegalArgumentException unless {@code tMax >= 1} and {@code warmupSteps < tMax}
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, Options options) {
        Objects.requireNonNull(options, "options");
        Checks.positive("tMax", tMax);
        if (options.warmupSteps() >= tMax) {
            throw new IllegalArgumentException("warmupSteps must be in [0, tMax) = [0, " + tMax + "), got "
                    + options.warmupSteps());
        }
        this.tMax = tMax;
        this.etaMin = options.etaMin();
        this.warmupSteps = options.warmupSteps();
        this.warmupStartFactor = options.warmupStartFactor();
        super(optimizer);
    }

    /**
     * PyTorch's defaults: etaMin 0, no warm-up, start factor 1/3 (LinearLR's {@code start_factor}).
     *
     * @return the default options, to be changed by their setters
     */
    public static Options options() {
        return new Options(0, 0, 1.0 / 3);
    }

    /**
     * The options of a cosine schedule, each with PyTorch's default until set; every setter returns a
     * new value, so one {@code Options} can be shared. Each value is checked when it is set, the warm-up's
     * length against {@code tMax} when the scheduler is built.
     *
     * @param etaMin            the rate at epoch {@code tMax}, a finite number {@code >= 0} (default 0)
     * @param warmupSteps       the epochs of linear warm-up before the cosine, {@code >= 0} and below
     *                          {@code tMax} (default 0: none)
     * @param warmupStartFactor the warm-up's first rate as a fraction of the base rate, in (0, 1]
     *                          (default 1/3, LinearLR's); unused without warm-up
     */
    public record Options(double etaMin, int warmupSteps, double warmupStartFactor) {
        /**
         * Checks each value.
         *
         * @throws IllegalArgumentException naming the first value out of its range
         */
        public Options {
            Checks.nonNegative("etaMin", etaMin);
            if (warmupSteps < 0) {
                throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
            }
            if (!(warmupStartFactor > 0 && warmupStartFactor <= 1)) {
                throw new IllegalArgumentException("warmupStartFactor must be in (0, 1], got " + warmupStartFactor);
            }
        }

        /**
         * Sets the rate the cosine ends at.
         *
         * @param value a finite number {@code >= 0}
         * @return a copy with this final rate
         * @throws IllegalArgumentException if {@code value} is negative or not finite
         */
        public Options etaMin(double value) {
            return new Options(value, warmupSteps, warmupStartFactor);
        }

        /**
         * Sets the number of warm-up epochs.
         *
         * @param value {@code >= 0}, and below the scheduler's {@code tMax}; 0 for no warm-up
         * @return a copy with this warm-up
         * @throws IllegalArgumentException if {@code value} is negative
         */
        public Options warmupSteps(int value) {
            return new Options(etaMin, value, warmupStartFactor);
        }

        /**
         * Sets the warm-up's first rate as a fraction of the base rate.
         *
         * @param value in (0, 1]
         * @return a copy with this factor
         * @throws IllegalArgumentException if {@code value} is outside (0, 1]
         */
        public Options warmupStartFactor(double value) {
            return new Options(etaMin, warmupSteps, value);
        }
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
