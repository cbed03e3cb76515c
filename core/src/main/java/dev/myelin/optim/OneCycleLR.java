package dev.myelin.optim;

import java.util.Objects;

/**
 * The one-cycle policy (Smith &amp; Topin, "Super-Convergence: Very Fast Training of Neural Networks Using
 * Large Learning Rates", 2019, arXiv:1708.07120), as {@code torch.optim.lr_scheduler.OneCycleLR} with
 * {@code three_phase=False}:
 *
 * <pre>{@code
 * new OneCycleLR(optimizer, 0.1, totalSteps);                                     // OneCycleLR(opt, 0.1, total_steps)
 * new OneCycleLR(optimizer, 0.1, totalSteps, OneCycleLR.options().pctStart(0.25)); // pct_start=0.25
 * }</pre>
 *
 * <p>Over {@code totalSteps} steps (batches, usually: call {@link #step()} after each
 * {@code optimizer.step()}) the rate rises from {@code initialLr = maxLr / divFactor} to {@code maxLr},
 * then falls to {@code minLr = initialLr / finalDivFactor}. With {@code up = pctStart · totalSteps - 1}
 * and {@code end = totalSteps - 1}:
 * <pre>
 * lr(epoch) = anneal(initialLr, maxLr, epoch / up)                  epoch &lt;= up
 * lr(epoch) = anneal(maxLr, minLr, (epoch - up) / (end - up))       otherwise
 * anneal(a, b, pct) = b + (a - b) / 2 · (cos(π · pct) + 1)           (COS, the default)
 * anneal(a, b, pct) = (b - a) · pct + a                              (LINEAR)
 * </pre>
 * With {@code cycleMomentum} (the default, as in PyTorch) the optimizer's momentum (SGD's momentum,
 * Adam's beta1; see {@link HasMomentum}) moves the other way, with the same annealing: from
 * {@code maxMomentum} down to {@code baseMomentum} while the rate rises, and back up while it falls.
 * The {@linkplain #options() defaults} are PyTorch's: pctStart 0.3, cosine annealing, momentum cycled
 * between 0.85 and 0.95, divFactor 25, finalDivFactor 1e4. The scheduler may step {@code totalSteps}
 * times; one more is an error. The optimizer's own rate is ignored: {@code maxLr} sets the scale.
 *
 * <p>The last step, at {@code epoch = totalSteps}, lies past {@code end}: the cosine turns back up a
 * little there, as PyTorch's does. The LINEAR line would go on below {@code minLr}, usually to a
 * negative rate, which PyTorch sets (and a negative rate climbs the loss); here it stops at
 * {@code minLr}, the one step where the two differ.
 */
public final class OneCycleLR extends LRScheduler {
    /** How the rate (and momentum) moves between its end points, PyTorch's {@code anneal_strategy}. */
    public enum AnnealStrategy {
        /** Half a cosine wave, {@code b + (a - b) / 2 · (cos(π · pct) + 1)}: PyTorch's {@code 'cos'}. */
        COS,
        /** A straight line, {@code (b - a) · pct + a}: PyTorch's {@code 'linear'}. */
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
     * A one-cycle schedule with PyTorch's defaults: pctStart 0.3, cosine annealing, momentum cycled
     * between 0.85 and 0.95, divFactor 25, finalDivFactor 1e4.
     *
     * @param optimizer  the optimizer whose rate (and momentum) this sets; it must implement
     *     {@link HasMomentum}, as SGD, Adam and AdamW do
     * @param maxLr      the peak learning rate, a finite number {@code >= 0}
     * @param totalSteps the number of steps in the cycle, at least 1 (PyTorch's {@code total_steps})
     * @throws IllegalArgumentException if {@code maxLr} is negative or not finite, {@code totalSteps < 1},
     *     or the optimizer has no momentum to cycle
     */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, options());
    }

    /**
     * Every option, in PyTorch's order; {@link #OneCycleLR(Optimizer, double, int, Options)} names them
     * instead.
     *
     * @param optimizer      the optimizer whose rate (and momentum) this sets
     * @param maxLr          the peak learning rate, a finite number {@code >= 0}
     * @param totalSteps     the number of steps in the cycle, at least 1
     * @param pctStart       the fraction of the steps spent raising the rate, in [0, 1)
     * @param annealStrategy the shape of both phases
     * @param cycleMomentum  whether to cycle the momentum; the optimizer must then implement {@link HasMomentum}
     * @param baseMomentum   the momentum at the peak rate, a finite number {@code >= 0}
     * @param maxMomentum    the momentum at the start and end, a finite number {@code >= 0}
     * @param divFactor      {@code maxLr / initialLr}, a finite number {@code > 0}
     * @param finalDivFactor {@code initialLr / minLr}, a finite number {@code > 0}
     * @throws IllegalArgumentException if a value is out of range: {@code totalSteps < 1}, {@code pctStart}
     *     outside [0, 1) or with {@code pctStart · totalSteps == 1} (a warm-up of no length), a negative
     *     rate or momentum, or a division factor that is not positive
     */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, AnnealStrategy annealStrategy,
            boolean cycleMomentum, double baseMomentum, double maxMomentum, double divFactor, double finalDivFactor) {
        this(optimizer, maxLr, totalSteps,
                new Options(pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor));
    }

    /**
     * A one-cycle schedule with named options, {@code OneCycleLR(opt, max_lr, total_steps, pct_start=0.25)}:
     * <pre>{@code new OneCycleLR(optimizer, 0.1, totalSteps, OneCycleLR.options().pctStart(0.25))}</pre>
     *
     * @param optimizer  the optimizer whose rate (and momentum) this sets; with {@code cycleMomentum} it
     *     must implement {@link HasMomentum}
     * @param maxLr      the peak learning rate, a finite number {@code >= 0}
     * @param totalSteps the number of steps in the cycle, at least 1 (PyTorch's {@code total_steps})
     * @param options    the shape of the cycle; {@link #options()} for PyTorch's defaults
     * @throws IllegalArgumentException if {@code maxLr} is negative or not finite, {@code totalSteps < 1},
     *     {@code pctStart · totalSteps == 1} (a warm-up of no length), or the momentum is to be cycled
     *     on an optimizer without one
     */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, Options options) {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(options, "options");
        this.totalSteps = Checks.positive("totalSteps", totalSteps);
        if (options.pctStart() * totalSteps == 1) {
            throw new IllegalArgumentException("pctStart must be in [0, 1) with pctStart * totalSteps != 1, got "
                    + options.pctStart() + " for " + totalSteps + " steps");
        }
        double initial = Checks.nonNegative("maxLr", maxLr) / options.divFactor();
        this.maxLr = maxLr;
        this.initialLr = initial;
        this.minLr = initial / options.finalDivFactor();
        this.up = options.pctStart() * totalSteps - 1;
        this.end = totalSteps - 1;
        this.strategy = options.annealStrategy();
        if (options.cycleMomentum() && !(optimizer instanceof HasMomentum)) {
            throw new IllegalArgumentException("cycleMomentum needs an optimizer with a momentum (HasMomentum), got "
                    + optimizer.getClass().getSimpleName());
        }
        this.momentum = options.cycleMomentum() ? (HasMomentum) optimizer : null;
        this.baseMomentum = options.baseMomentum();
        this.maxMomentum = options.maxMomentum();
        super(optimizer);
    }

    /**
     * PyTorch's defaults: pctStart 0.3, cosine annealing, momentum cycled between 0.85 and 0.95,
     * divFactor 25, finalDivFactor 1e4.
     *
     * @return the default options, to be changed by their setters
     */
    public static Options options() {
        return new Options(0.3, AnnealStrategy.COS, true, 0.85, 0.95, 25, 1e4);
    }

    /**
     * The shape of a one-cycle schedule, each option with PyTorch's default until set; every setter
     * returns a new value, so one {@code Options} can be shared. Each value is checked when it is set.
     *
     * @param pctStart       the fraction of the steps spent raising the rate, in [0, 1) (default 0.3)
     * @param annealStrategy the shape of both phases, not null (default {@link AnnealStrategy#COS})
     * @param cycleMomentum  whether to cycle the optimizer's momentum against the rate (default true)
     * @param baseMomentum   the momentum at the peak rate, a finite number {@code >= 0} (default 0.85)
     * @param maxMomentum    the momentum at the start and the end, a finite number {@code >= 0} (default 0.95)
     * @param divFactor      the start rate is {@code maxLr / divFactor}; a finite number {@code > 0} (default 25)
     * @param finalDivFactor the last rate is {@code maxLr / divFactor / finalDivFactor}; a finite number
     *                       {@code > 0} (default 1e4)
     */
    public record Options(double pctStart, AnnealStrategy annealStrategy, boolean cycleMomentum, double baseMomentum,
            double maxMomentum, double divFactor, double finalDivFactor) {
        /**
         * Checks each value.
         *
         * @throws IllegalArgumentException naming the first number out of its range
         * @throws NullPointerException if {@code annealStrategy} is null
         */
        public Options {
            if (!(pctStart >= 0 && pctStart < 1)) {
                throw new IllegalArgumentException("pctStart must be in [0, 1), got " + pctStart);
            }
            Objects.requireNonNull(annealStrategy, "annealStrategy");
            Checks.nonNegative("baseMomentum", baseMomentum);
            Checks.nonNegative("maxMomentum", maxMomentum);
            Checks.positive("divFactor", divFactor);
            Checks.positive("finalDivFactor", finalDivFactor);
        }

        /**
         * Sets the fraction of the steps spent raising the rate.
         *
         * @param value in [0, 1)
         * @return a copy with this fraction
         * @throws IllegalArgumentException if {@code value} is outside [0, 1)
         */
        public Options pctStart(double value) {
            return new Options(value, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor);
        }

        /**
         * Sets the shape of both phases.
         *
         * @param value {@link AnnealStrategy#COS} or {@link AnnealStrategy#LINEAR}, not null
         * @return a copy with this shape
         */
        public Options annealStrategy(AnnealStrategy value) {
            return new Options(pctStart, value, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor);
        }

        /**
         * Sets whether to cycle the optimizer's momentum.
         *
         * @param value true to move the momentum against the rate, false to leave it alone
         * @return a copy with this choice
         */
        public Options cycleMomentum(boolean value) {
            return new Options(pctStart, annealStrategy, value, baseMomentum, maxMomentum, divFactor, finalDivFactor);
        }

        /**
         * Sets the momentum at the peak rate.
         *
         * @param value a finite number {@code >= 0}
         * @return a copy with this momentum
         * @throws IllegalArgumentException if {@code value} is negative or not finite
         */
        public Options baseMomentum(double value) {
            return new Options(pctStart, annealStrategy, cycleMomentum, value, maxMomentum, divFactor, finalDivFactor);
        }

        /**
         * Sets the momentum at the start and the end of the cycle.
         *
         * @param value a finite number {@code >= 0}
         * @return a copy with this momentum
         * @throws IllegalArgumentException if {@code value} is negative or not finite
         */
        public Options maxMomentum(double value) {
            return new Options(pctStart, annealStrategy, cycleMomentum, baseMomentum, value, divFactor, finalDivFactor);
        }

        /**
         * Sets {@code maxLr / initialLr}.
         *
         * @param value a finite number {@code > 0}
         * @return a copy with this factor
         * @throws IllegalArgumentException if {@code value} is not a finite number above 0
         */
        public Options divFactor(double value) {
            return new Options(pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, value, finalDivFactor);
        }

        /**
         * Sets {@code initialLr / minLr}.
         *
         * @param value a finite number {@code > 0}
         * @return a copy with this factor
         * @throws IllegalArgumentException if {@code value} is not a finite number above 0
         */
        public Options finalDivFactor(double value) {
            return new Options(pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, value);
        }
    }

    @Override
    protected double lrAt(double baseLr, int epoch) {
        if (epoch <= up) {
            return anneal(initialLr, maxLr, epoch / up);
        }
        double pct = (epoch - up) / (end - up);
        // The last step lies past end: the LINEAR line would go below minLr, to a negative rate.
        return anneal(maxLr, minLr, strategy == AnnealStrategy.LINEAR ? Math.min(pct, 1) : pct);
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
