package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The base of every layer and model, as {@code torch.nn.Module}: it owns named parameters, buffers and
 * child modules, and maps one input tensor to one output tensor in {@link #forward}.
 *
 * <p>A subclass registers what it owns from its constructor, in the order PyTorch would:
 *
 * <pre>{@code
 * final class TwoLayers extends Module {
 *     private final Linear fc1;
 *     private final Linear fc2;
 *
 *     TwoLayers(Generator gen) {
 *         fc1 = registerModule("fc1", new Linear(784, 128, gen));
 *         fc2 = registerModule("fc2", new Linear(128, 10, gen));
 *     }
 *
 *     public Tensor forward(Tensor x) {
 *         return fc2.forward(fc1.forward(x).relu());
 *     }
 * }
 * }</pre>
 *
 * <p>Names are PyTorch's: a parameter {@code weight} of the child {@code fc1} is {@code fc1.weight};
 * children of a {@link Sequential} are named {@code 0}, {@code 1}, ... Parameters are
 * {@link Parameter}s; buffers are plain tensors that are saved in the state dict but not trained (such
 * as batch norm's running statistics). A module starts in training mode; {@link #eval()} switches it and
 * everything below it to evaluation mode, which changes what batch norm and dropout do.
 *
 * <p><b>Thread safety.</b> A network of this library's layers in evaluation mode may run
 * {@link #forward} on many threads at once with gradient recording off
 * ({@link dev.myelin.tensor.Grad#disabled()}), and
 * each thread gets the single-threaded answer bit for bit: a forward pass only reads the parameters and
 * buffers (batch norm reads its running statistics in evaluation mode and updates them only in
 * training), recording switches per thread, the kernels' scratch arrays and the recycled activation
 * arrays are per thread, and a parallel loop started while another thread's loop holds the worker
 * threads runs on its caller ({@code SharedModelThreadsTest} checks 8 threads of 1,000 calls). Anything
 * that writes must not overlap any other use of the same module: {@link #train(boolean)}/{@link #eval()}
 * (switch before sharing), {@link #loadStateDict}, an optimizer's step, and backward passes, which add
 * into the parameters' shared gradients (give each thread its own copy for those). A module of your own
 * is as safe as its {@code forward}.
 */
public abstract class Module {
    private final LinkedHashMap<String, Parameter> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a module with nothing registered, in training mode. */
    protected Module() {
    }

    /**
     * Maps the input to the output; the ops it runs are recorded for backward when gradient recording
     * is on. Each subclass states its shapes. Batch norm and dropout behave differently in training and in
     * evaluation mode ({@link #train(boolean)}).
     *
     * @param input the input, of the shape the subclass expects, such as {@code (N, C, H, W)}
     * @return the output, a new tensor unless the subclass says otherwise ({@link Identity} returns its
     *         input, {@link Flatten} a view of it)
     * @throws IllegalArgumentException if the input's shape does not fit the layer (this library's layers
     *                                  name the layer and the shape)
     */
    public abstract Tensor forward(Tensor input);

    // ------------------------------------------------------------------ registration

    /**
     * Registers a parameter; call it from the constructor, in the order PyTorch's module registers its
     * own, since that order is the order of {@link #parameters()} and of the state dict. An absent
     * optional parameter (a layer built without bias) is simply not registered, so it is neither in
     * {@link #parameters()} nor in the state dict, as PyTorch's {@code None} parameters.
     *
     * @param name      the state-dict name within this module, such as {@code weight}: non-empty, no dots,
     *                  not yet used by a parameter, buffer or child of this module
     * @param parameter the parameter, not null
     * @return {@code parameter}, to assign to a field in the same line
     * @throws IllegalArgumentException if the name is empty, has a dot or is taken, or the parameter is null
     */
    protected final Parameter registerParameter(String name, Parameter parameter) {
        checkName(name, parameter);
        parameters.put(name, parameter);
        return parameter;
    }

    /**
     * Registers a buffer: state saved in the state dict and loaded back, but not trained (batch norm's
     * {@code running_mean}). Update it in place, so that {@link #stateDict()}'s views and
     * {@link #loadStateDict} reach the tensor the module uses.
     *
     * @param name   the state-dict name within this module: non-empty, no dots, not yet used in this module
     * @param buffer the tensor, not null, not requiring grad
     * @return {@code buffer}, to assign to a field in the same line
     * @throws IllegalArgumentException if the name is empty, has a dot or is taken, or the buffer is null or
     *                                  requires grad (make it a parameter then)
     */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkName(name, buffer);
        if (buffer.requiresGrad()) {
            throw new IllegalArgumentException("buffer '" + name + "' must not require grad; register it as a parameter");
        }
        buffers.put(name, buffer);
        return buffer;
    }

    /**
     * Registers a child module: its parameters and buffers appear under {@code name.}, such as
     * {@code fc1.weight}, after this module's own, and mode switches reach it.
     *
     * @param <M>   the child's class, kept so that the result needs no cast
     * @param name  the child's name within this module: non-empty, no dots, not yet used in this module
     * @param child the module, not null and not this module
     * @return {@code child}, to assign to a field in the same line
     * @throws IllegalArgumentException if the name is empty, has a dot or is taken, or the child is null or
     *                                  this module
     */
    protected final <M extends Module> M registerModule(String name, M child) {
        checkName(name, child);
        if (child == this) {
            throw new IllegalArgumentException("a module cannot be its own child ('" + name + "')");
        }
        children.put(name, child);
        return child;
    }

    private void checkName(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("cannot register null as '" + name + "'");
        }
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("invalid name '" + name + "': names must be non-empty and contain no '.'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is already registered in " + getClass().getSimpleName());
        }
    }

    // ------------------------------------------------------------------ traversal

    /**
     * The direct children by name.
     *
     * @return an unmodifiable view, in registration order, that follows later registrations
     */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * The direct children.
     *
     * @return a copy, in registration order
     */
    public List<Module> children() {
        return List.copyOf(children.values());
    }

    /**
     * This module and every module below it, as PyTorch's {@code named_modules()}.
     *
     * @return a new map, depth first with parents before children: this module under {@code ""}, the
     *         others under dotted names such as {@code features.0}; a module reachable twice is listed
     *         once, under its first name
     */
    public LinkedHashMap<String, Module> namedModules() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        collectModules("", out, identitySet());
        return out;
    }

    private void collectModules(String prefix, LinkedHashMap<String, Module> out, Set<Module> seen) {
        if (!seen.add(this)) {
            return;
        }
        out.put(prefix, this);
        children.forEach((name, child) -> child.collectModules(join(prefix, name), out, seen));
    }

    /**
     * Every parameter of this module and its descendants with its dotted name, as PyTorch's
     * {@code named_parameters()}.
     *
     * @return a new map in PyTorch's order (a module's own parameters in registration order, then each
     *         child's in turn, depth first), keyed like {@code features.0.weight}; a parameter shared by
     *         two modules is listed once, under its first name
     */
    public LinkedHashMap<String, Parameter> namedParameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        Set<Object> seen = identitySet();
        namedModules().forEach((prefix, module) -> module.parameters.forEach((name, p) -> {
            if (seen.add(p)) {
                out.put(join(prefix, name), p);
            }
        }));
        return out;
    }

    /**
     * The parameters to train, what an optimizer takes.
     *
     * @return a new list of the parameters of {@link #namedParameters()}, in the same order and without
     *         duplicates, frozen ones included
     */
    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Every buffer of this module and its descendants with its dotted name, as PyTorch's {@code named_buffers()}.
     *
     * @return a new map ordered as {@link #namedParameters()} (module by module, depth first), keyed like
     *         {@code 1.running_mean}; the tensors themselves, not copies
     */
    public LinkedHashMap<String, Tensor> namedBuffers() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        Set<Object> seen = identitySet();
        namedModules().forEach((prefix, module) -> module.buffers.forEach((name, b) -> {
            if (seen.add(b)) {
                out.put(join(prefix, name), b);
            }
        }));
        return out;
    }

    /**
     * Forgets the accumulated gradient of every parameter: sets it to null, as PyTorch's default
     * {@code zero_grad(set_to_none=True)}, so the next backward starts afresh.
     */
    public void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    // ------------------------------------------------------------------ modes

    /**
     * Sets training or evaluation mode on this module and all its descendants. The mode changes what
     * {@link BatchNorm} (batch or running statistics) and {@link Dropout} (dropping or the identity) do;
     * other layers ignore it. It has nothing to do with gradient recording, which
     * {@link dev.myelin.tensor.Grad} switches.
     *
     * @param mode true for training mode, false for evaluation mode
     * @return this module
     */
    public Module train(boolean mode) {
        for (Module m : namedModules().values()) {
            m.training = mode;
        }
        return this;
    }

    /**
     * Training mode, as {@code train(true)}: batch norm uses batch statistics and updates its running
     * ones, dropout drops.
     *
     * @return this module
     */
    public Module train() {
        return train(true);
    }

    /**
     * Evaluation mode, as {@code train(false)}: batch norm uses its running statistics, dropout is the
     * identity.
     *
     * @return this module
     */
    public Module eval() {
        return train(false);
    }

    /**
     * The current mode.
     *
     * @return true in training mode (the mode a module starts in), false in evaluation mode
     */
    public boolean isTraining() {
        return training;
    }

    // ------------------------------------------------------------------ state dict

    /**
     * The parameters and buffers by their PyTorch state-dict names, in PyTorch's order: for each module
     * depth first, its parameters, then its buffers, then its children's entries. For
     * {@code Sequential(Conv2d, BatchNorm2d, ReLU, Linear)} that is {@code 0.weight, 0.bias, 1.weight,
     * 1.bias, 1.running_mean, 1.running_var, 1.num_batches_tracked, 3.weight, 3.bias}.
     *
     * <p>The tensors are <em>views</em>, as in PyTorch: detached tensors sharing storage with the
     * parameters and buffers, so they follow later training steps. To keep a snapshot, {@code copy()}
     * each one. A tensor shared by two modules appears under both names.
     *
     * @return a new map from dotted name to a detached view of each parameter and buffer
     */
    public LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, LinkedHashMap<String, Tensor> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p.value().detach()));
        buffers.forEach((name, b) -> out.put(prefix + name, b.detach()));
        children.forEach((name, child) -> child.collectState(prefix + name + ".", out));
    }

    /**
     * Copies the values of {@code state} into this module's parameters and buffers, in place: every
     * tensor keeps its identity, so optimizers holding the parameters keep working.
     *
     * <p>Keys are matched by name as in {@link #stateDict()}. The returned report lists the keys this
     * module expects but {@code state} lacks, the keys of {@code state} this module does not have, and the
     * entries whose shapes differ. When {@code strict}, any of these is an error: nothing is loaded and an
     * {@link IllegalArgumentException} lists every problem at once. When not strict, every entry whose
     * name and shape match is loaded and the others are left as they were (PyTorch raises on a shape
     * mismatch even when not strict; here it is reported instead).
     *
     * <p>The report also names the loaded entries holding NaN or infinity ({@link LoadReport#nonFiniteKeys()}):
     * they are loaded all the same, and it is for the caller to warn that the model's outputs mean nothing.
     *
     * @param state  tensors by state-dict name, such as {@link #stateDict()} or a safetensors file gives;
     *               read, never kept
     * @param strict true to load nothing unless every key and shape matches (PyTorch's default), false to
     *               load what matches
     * @return what was missing, unexpected, mismatched and non-finite
     * @throws IllegalArgumentException if {@code strict} and the keys or shapes do not match exactly
     */
    public LoadReport loadStateDict(Map<String, Tensor> state, boolean strict) {
        LinkedHashMap<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        List<LoadReport.ShapeMismatch> mismatched = new ArrayList<>();
        Map<String, Tensor> loadable = new LinkedHashMap<>();
        own.forEach((name, target) -> {
            Tensor source = state.get(name);
            if (source == null) {
                missing.add(name);
            } else if (!source.shape().equals(target.shape())) {
                mismatched.add(new LoadReport.ShapeMismatch(name, target.shape(), source.shape()));
            } else {
                loadable.put(name, source);
            }
        });
        List<String> unexpected = new ArrayList<>();
        for (String name : state.keySet()) {
            if (!own.containsKey(name)) {
                unexpected.add(name);
            }
        }
        List<String> nonFinite = new ArrayList<>();
        loadable.forEach((name, source) -> {
            if (!source.allFinite()) {
                nonFinite.add(name);
            }
        });
        LoadReport report = new LoadReport(missing, unexpected, mismatched, nonFinite);
        if (strict && !report.isClean()) {
            throw new IllegalArgumentException("error(s) in loading state dict for " + getClass().getSimpleName()
                    + "; nothing was loaded:\n" + report.describe());
        }
        loadable.forEach((name, source) -> {
            Tensor target = own.get(name);
            System.arraycopy(source.array(), source.arrayOffset(), target.array(), target.arrayOffset(), target.size());
        });
        return report;
    }

    // ------------------------------------------------------------------ printing

    /**
     * The part between the parentheses of this module's printed form, as PyTorch's {@code extra_repr};
     * override it to show a layer's settings.
     *
     * @return such as {@code in_features=784, out_features=10, bias=True} for a {@link Linear}; empty by
     *         default
     */
    protected String extraRepr() {
        return "";
    }

    /**
     * Prints the module tree as PyTorch does:
     * <pre>
     * Sequential(
     *   (0): Linear(in_features=784, out_features=10, bias=True)
     *   (1): ReLU()
     * )</pre>
     */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        if (children.isEmpty()) {
            return name + "(" + extraRepr() + ")";
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        if (!extraRepr().isEmpty()) {
            sb.append("\n  ").append(extraRepr());
        }
        children.forEach((childName, child) -> sb.append("\n  (").append(childName).append("): ")
                .append(child.toString().replace("\n", "\n  ")));
        return sb.append("\n)").toString();
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static <T> Set<T> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /**
     * Whether this module keeps no reference to the tensors it is given or returns, once its forward
     * is done (the autograd graph aside). A {@link Sequential} then hands the storage of a tensor
     * passed between two such modules back for reuse after the backward pass (or at once, in
     * inference). Each of this library's layers says so for itself; package-private, so that a module
     * written elsewhere, which might keep what it is given, never claims it.
     */
    boolean keepsNoTensors() {
        return false;
    }
}
