package dev.myelin.optim;

import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an optimizer remembers about one parameter: how many updates it has had, and named buffers
 * shaped like it (a momentum buffer, Adam's moments), as in PyTorch's {@code optimizer.state[p]}. A
 * buffer is allocated, filled with zeros, the first time it is asked for, and reused afterwards.
 */
public final class ParamState {
    private final int[] dims;
    private final List<String> names;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private long step;

    ParamState(int[] dims, List<String> names) {
        this.dims = dims.clone();
        this.names = names;
    }

    /**
     * The number of updates so far, counting the one in progress during {@code update}.
     *
     * @return the step count {@code t}: 1 during the parameter's first update (Adam's bias corrections
     *     use it as the exponent)
     */
    public long step() {
        return step;
    }

    /**
     * Whether the buffer {@code name} exists yet.
     *
     * @param name a buffer name, e.g. {@code momentum_buffer}
     * @return true once {@link #buffer} has created it (or a checkpoint restored it)
     */
    public boolean has(String name) {
        return buffers.containsKey(name);
    }

    /**
     * The buffer {@code name}, shaped like the parameter; zeros when first asked for.
     *
     * @param name one of the optimizer's state names, e.g. {@code exp_avg}
     * @return the buffer itself (not a copy), to be read and written in place
     * @throws IllegalArgumentException if the optimizer does not declare {@code name} in its state names
     */
    public Tensor buffer(String name) {
        Tensor b = buffers.get(name);
        if (b == null) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown state buffer '" + name + "'; the optimizer declares " + names);
            }
            b = Tensor.zeros(dims);
            buffers.put(name, b);
        }
        return b;
    }

    /** The buffers that exist, in the order they were created. */
    Map<String, Tensor> buffers() {
        return buffers;
    }

    void advance() {
        step++;
    }

    void setStep(long step) {
        this.step = step;
    }
}
