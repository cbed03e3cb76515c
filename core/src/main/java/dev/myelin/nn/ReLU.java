package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * The rectified linear unit {@code max(x, 0)}, element-wise, as {@code torch.nn.ReLU}. Its gradient at 0
 * is 0, as in PyTorch.
 *
 * <p>In a {@link Sequential}, a {@code ReLU} directly after a {@link Conv2d} runs fused into the
 * convolution (with a {@link MaxPool2d} after it, into both): the same values and gradients, without
 * storing the convolution's output. {@link Sequential#forward} says more.
 */
public final class ReLU extends Module {
    /** Creates the layer; it has no parameters. */
    public ReLU() {
    }

    /** Applies the function element-wise; any shape, the output has the input's shape. */
    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }

    /** Keeps no reference to its input or output, so a {@link Sequential} may recycle them. */
    @Override
    boolean keepsNoTensors() {
        return true;
    }
}
