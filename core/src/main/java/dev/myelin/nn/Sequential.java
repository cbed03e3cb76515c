package dev.myelin.nn;

import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chain of modules applied in order, as {@code torch.nn.Sequential}: the output of each is the input
 * of the next. Its children are named {@code 0}, {@code 1}, ..., so the state-dict names are PyTorch's
 * ({@code 0.weight}, {@code 1.running_mean}, ...). The shapes are those of the first and last modules.
 *
 * <p>Two things happen here beyond calling the modules in turn, both invisible in the results (values
 * and gradients are bit-identical to calling each module's {@code forward}). A {@link Conv2d} directly
 * followed by a {@link ReLU}, and by a {@link MaxPool2d} after that, runs as one fused op; and the
 * tensors passed between layers that keep no reference to them (each says so, {@code Module.keepsNoTensors()}) are
 * recycled after the backward pass. {@link #forward} says how.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Flatten(), new Linear(784, 128, gen), new ReLU(), new Linear(128, 10, gen));
 * }</pre>
 */
public final class Sequential extends Module {
    private int size;

    /**
     * A chain of the given modules, named {@code 0, 1, ...} in order, as {@code nn.Sequential(*modules)}.
     *
     * @param modules the modules in the order they are applied; none gives a chain that returns its input
     * @throws NullPointerException     if the array is null
     * @throws IllegalArgumentException if a module is null
     */
    public Sequential(Module... modules) {
        Objects.requireNonNull(modules, "modules");
        for (Module m : modules) {
            append(m);
        }
    }

    /**
     * Adds a module at the end, as {@code nn.Sequential.append}.
     *
     * @param module the module to apply after the others; it is named by its position, {@code size()} before the call
     * @return this chain
     * @throws IllegalArgumentException if {@code module} is null or this chain
     */
    public Sequential append(Module module) {
        registerModule(Integer.toString(size), module);
        size++;
        return this;
    }

    /**
     * The module at a position, as {@code model[index]} in Python.
     *
     * @param index the position, from 0 to {@code size() - 1}, or from {@code -size()} to -1 counting from
     *              the end ({@code get(-1)} is the last module)
     * @return the module at that position
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Module get(int index) {
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a Sequential of " + size
                    + " modules");
        }
        return namedChildren().get(Integer.toString(i));
    }

    /**
     * The length of the chain.
     *
     * @return the number of modules, 0 for an empty chain
     */
    public int size() {
        return size;
    }

    /**
     * Applies each module in turn. A {@link Conv2d} directly followed by a {@link ReLU} (both exactly
     * those classes) runs as one fused op, which gives the same values and gradients without storing
     * the pre-activation tensor; followed by a {@link MaxPool2d} as well, the three run as one op that
     * pools each image's convolution while it is in cache and never stores the batch's activations.
     *
     * <p>An output passed from one of this library's layers to another is seen by nothing but the
     * graph, so it is marked {@link Tensor#reuseStorageAfterBackward()}: the backward pass hands its
     * storage to the next step's layers. Outputs that any other module (a user's, or a subclass)
     * produces or receives are not marked, since it might keep them; nor are the input and anything
     * sharing storage with the result. Without gradients (inference) there is no graph, so those
     * outputs are handed back for reuse as soon as the pass ends ({@link Tensor#releaseStorageForReuse()}).
     */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        Module[] modules = namedChildren().values().toArray(new Module[0]);
        List<Tensor> passedOn = new ArrayList<>();
        Module producer = null;
        for (int i = 0; i < modules.length; i++) {
            Module m = modules[i];
            if (producer != null && producesPrivately(producer) && consumesPrivately(m)) {
                passedOn.add(x);
            }
            boolean convRelu = m.getClass() == Conv2d.class && i + 1 < modules.length
                    && modules[i + 1].getClass() == ReLU.class;
            if (convRelu && i + 2 < modules.length && modules[i + 2].getClass() == MaxPool2d.class) {
                x = ((Conv2d) m).forwardReluMaxPool(x, (MaxPool2d) modules[i + 2]);
                i += 2;
                producer = modules[i];
            } else if (convRelu) {
                x = ((Conv2d) m).forwardRelu(x);
                producer = modules[++i];
            } else {
                x = m.forward(x);
                producer = m;
            }
        }
        boolean inference = !Grad.isEnabled();
        List<Tensor> released = new ArrayList<>();
        for (Tensor t : passedOn) {
            if (t.sharesStorageWith(input) || t.sharesStorageWith(x)) {
                continue;
            }
            if (!inference) {
                t.reuseStorageAfterBackward();
            } else if (released.stream().noneMatch(t::sharesStorageWith)) {
                // No graph reads it: the next call's layers can take its array (a view, such as
                // Flatten's output, shares its producer's array and is released once).
                released.add(t);
                t.releaseStorageForReuse();
            }
        }
        return x;
    }

    /** Whether {@code m}'s output comes from a layer that keeps no reference to it ({@link Module#keepsNoTensors}). */
    private static boolean producesPrivately(Module m) {
        if (m.getClass() == Sequential.class) {
            Sequential s = (Sequential) m;
            return s.size > 0 && producesPrivately(s.get(s.size - 1));
        }
        return m.keepsNoTensors();
    }

    /** Whether {@code m}'s input goes to a layer that keeps no reference to it. */
    private static boolean consumesPrivately(Module m) {
        if (m.getClass() == Sequential.class) {
            Sequential s = (Sequential) m;
            return s.size > 0 && consumesPrivately(s.get(0));
        }
        return m.keepsNoTensors();
    }
}
