package dev.myelin.optim;

/**
 * An optimizer with a momentum coefficient that a schedule may change between steps: SGD's
 * {@code momentum}, Adam's {@code beta1}. {@link OneCycleLR} cycles it, as PyTorch's does through
 * {@code param_groups[i]['momentum']} or {@code ['betas'][0]}.
 */
public interface HasMomentum {
    /** The momentum coefficient (Adam's beta1). */
    double momentum();

    /**
     * Sets the momentum coefficient for the following steps.
     *
     * @throws IllegalArgumentException if the optimizer does not accept the value
     */
    void setMomentum(double momentum);
}
