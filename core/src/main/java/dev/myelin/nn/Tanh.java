package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * The hyperbolic tangent, element-wise, as {@code torch.nn.Tanh}.
 */
public final class Tanh extends Module {
    /** Creates the layer; it has no parameters. */
    public Tanh() {
    }

    /** Applies the function element-wise; any shape, the output has the input's shape. */
    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
