package dev.myelin.kernel;

/**
 * The scalars of one Adam update ({@link OptimizerKernels#adam}), by name, already rounded to float
 * where PyTorch rounds them: without them the kernel took nine floats in a row.
 *
 * <p>Mutable on purpose, unlike the kernels' other parameter records: an optimizer keeps one and
 * refills it for each parameter. A record made per parameter per step is captured by the parallel
 * loop's lambda, so the JIT cannot remove it, and a step would allocate (120 bytes per parameter per
 * step, by {@code SteadyStateAllocationTest}), where the optimizers promise to allocate nothing after
 * their first step.
 */
public final class AdamCoefficients {
    /** The factor the parameter is first multiplied by: AdamW's decoupled decay {@code 1 - lr·wd}, 1 for Adam. */
    public float decay = 1;
    /** Adam's L2 term {@code wd}: the gradient becomes {@code g + wd·p}; 0 for AdamW. */
    public float l2;
    /** {@code beta1}, the first moment's decay, and {@code 1 - beta1}. */
    public float beta1;
    /** {@code 1 - beta1}, rounded once as PyTorch rounds it. */
    public float oneMinusBeta1;
    /** {@code beta2}, the second moment's decay. */
    public float beta2;
    /** {@code 1 - beta2}, rounded once as PyTorch rounds it. */
    public float oneMinusBeta2;
    /** {@code sqrt(1 - beta2^step)}, the second moment's bias correction. */
    public float biasCorrection2Sqrt;
    /** The term added to the denominator for stability. */
    public float eps;
    /** {@code -lr / (1 - beta1^step)}: the step size with the first moment's bias correction, negated. */
    public float negStepSize;
}
