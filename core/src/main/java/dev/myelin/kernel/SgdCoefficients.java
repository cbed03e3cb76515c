package dev.myelin.kernel;

/**
 * The scalars of one SGD-with-momentum update ({@link OptimizerKernels#sgdMomentum}), by name, rounded to
 * float as PyTorch rounds them. Mutable and reused by its optimizer for the reason
 * {@link AdamCoefficients} gives: a step allocates nothing.
 */
public final class SgdCoefficients {
    /** The negated learning rate, {@code -lr}. */
    public float negLr;
    /** The L2 term {@code wd}: the gradient becomes {@code g + wd·p}. */
    public float weightDecay;
    /** The momentum factor. */
    public float momentum;
    /** {@code 1 - dampening}, the weight of the new gradient in the buffer after the first step. */
    public float oneMinusDampening;
    /** Whether the update looks ahead along the buffer: {@code d + momentum·buf} instead of {@code buf}. */
    public boolean nesterov;
    /** Whether the buffer is new: it is then set to {@code d} and its old content ignored. */
    public boolean firstStep;
}
