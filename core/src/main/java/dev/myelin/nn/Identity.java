package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * Returns its input unchanged (the same tensor), as {@code torch.nn.Identity}: a placeholder where a
 * layer is optional, such as a residual block's shortcut.
 */
public final class Identity extends Module {
    /** Creates the layer; it has no parameters. */
    public Identity() {
    }

    /** Returns {@code input} itself; any shape. */
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
