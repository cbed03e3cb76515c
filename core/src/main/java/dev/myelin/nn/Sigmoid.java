package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * The logistic function {@code 1 / (1 + e^-x)}, element-wise, as {@code torch.nn.Sigmoid}.
 */
public final class Sigmoid extends Module {
    /** Creates the layer; it has no parameters. */
    public Sigmoid() {
    }

    /** Applies the function element-wise; any shape, the output has the input's shape. */
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
