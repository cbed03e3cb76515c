package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * A chain of modules applied in order, as {@code torch.nn.Sequential}: the output of each is the input
 * of the next. Its children are named {@code 0}, {@code 1}, ..., so the state-dict names are PyTorch's
 * ({@code 0.weight}, {@code 1.running_mean}, ...). The shapes are those of the first and last modules.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Flatten(), new Linear(784, 128, gen), new ReLU(), new Linear(128, 10, gen));
 * }</pre>
 */
public final class Sequential extends Module {
    private int size;

    /** A chain of the given modules, named {@code 0, 1, ...} in order. */
    public Sequential(Module... modules) {
        for (Module m : modules) {
            append(m);
        }
    }

    /** Adds {@code module} at the end, named by its position; returns this chain. */
    public Sequential append(Module module) {
        registerModule(Integer.toString(size), module);
        size++;
        return this;
    }

    /** The module at {@code index}, counting from 0 (negative counts from the end, as in Python). */
    public Module get(int index) {
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a Sequential of " + size
                    + " modules");
        }
        return namedChildren().get(Integer.toString(i));
    }

    /** The number of modules. */
    public int size() {
        return size;
    }

    /**
     * Applies each module in turn. A {@link Conv2d} directly followed by a {@link ReLU} (both exactly
     * those classes) runs as one fused op, which gives the same values and gradients without storing
     * the pre-activation tensor.
     */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        Module[] modules = namedChildren().values().toArray(new Module[0]);
        for (int i = 0; i < modules.length; i++) {
            Module m = modules[i];
            if (m.getClass() == Conv2d.class && i + 1 < modules.length && modules[i + 1].getClass() == ReLU.class) {
                x = ((Conv2d) m).forwardRelu(x);
                i++;
            } else {
                x = m.forward(x);
            }
        }
        return x;
    }
}
