package dev.myelin.optim;

/**
 * An optimizer with a momentum coefficient that a schedule may change between steps: SGD's
 * {@code momentum}, Adam's {@code beta1}. {@link OneCycleLR} cycles it, as PyTorch's does through
 * {@code param_groups[i]['momentum']} or {@code ['betas'][0]}.
 */
public interface HasMomentum {
    /**
     * The momentum coefficient in use.
     *
     * @return SGD's momentum factor ({@code >= 0}) or Adam's beta1 (in [0, 1))
     */
    double momentum();

    /**
     * Sets the momentum coefficient for the following steps; the state already accumulated is kept.
     *
     * @param momentum the new coefficient: for SGD a finite number {@code >= 0} (above 0 with Nesterov),
     *     for Adam and AdamW a beta1 in [0, 1)
     * @throws IllegalArgumentException if the optimizer does not accept the value
     */
    void setMomentum(double momentum);
}
