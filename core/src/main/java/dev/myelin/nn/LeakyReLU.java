package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * The leaky rectifier (Maas, Hannun and Ng, 2013, "Rectifier Nonlinearities Improve Neural Network
 * Acoustic Models"), element-wise, as {@code torch.nn.LeakyReLU}:
 * {@code x} where {@code x > 0}, {@code negativeSlope·x} elsewhere. The default slope is PyTorch's, 0.01.
 */
public final class LeakyReLU extends Module {
    private final float negativeSlope;

    /**
     * {@code nn.LeakyReLU(negative_slope)}.
     *
     * @param negativeSlope the factor applied to negative inputs, any finite number (PyTorch's default 0.01)
     * @throws IllegalArgumentException if {@code negativeSlope} is NaN or infinite
     */
    public LeakyReLU(float negativeSlope) {
        if (!Float.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("LeakyReLU: negative_slope must be a finite number, got " + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    /** A leaky rectifier with PyTorch's default negative slope, 0.01. */
    public LeakyReLU() {
        this(0.01f);
    }

    /** Applies the function element-wise; any shape, the output has the input's shape. */
    @Override
    public Tensor forward(Tensor input) {
        return input.leakyRelu(negativeSlope);
    }

    /**
     * The slope for negative inputs.
     *
     * @return the factor applied to negative inputs (0.01 by default)
     */
    public float negativeSlope() {
        return negativeSlope;
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + negativeSlope;
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
