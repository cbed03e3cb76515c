package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * The Gaussian error linear unit (Hendrycks and Gimpel, 2016, "Gaussian Error Linear Units (GELUs)",
 * arXiv:1606.08415) in its exact form {@code x·Φ(x)}, with {@code Φ} the standard normal CDF,
 * element-wise, as {@code torch.nn.GELU()} (PyTorch's default {@code approximate='none'}; the tanh
 * approximation is not offered).
 */
public final class GELU extends Module {
    /** Creates the layer; it has no parameters. */
    public GELU() {
    }

    /** Applies the function element-wise; any shape, the output has the input's shape. */
    @Override
    public Tensor forward(Tensor input) {
        return input.gelu();
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
