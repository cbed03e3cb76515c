package dev.myelin.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense, row-major, float32 array of any rank that can record the operations applied to it and
 * compute gradients by reverse-mode automatic differentiation: Myelin's {@code torch.Tensor}.
 *
 * <p><b>Storage.</b> A tensor is a {@code float[]}, an offset into it and a {@link Shape}. Its elements
 * are contiguous and in row-major order (the last index varies fastest): element {@code (i0, ..., ik)}
 * of a tensor with dimensions {@code (d0, ..., dk)} sits at {@code offset + i0*s0 + ... + ik*sk}, where
 * the strides follow from the shape, {@code sk = 1} and {@code sj = s(j+1) * d(j+1)}
 * ({@link Shape#strides()}). There are no other strides: a tensor is never a strided view, so a
 * {@code (2, 3)} tensor is always its six floats row after row. A rank-0 tensor is a scalar and holds
 * one element; a dimension may be 0 (an empty tensor).
 *
 * <p><b>Views and copies.</b> Ops never modify their inputs; each returns a new tensor. {@link #reshape},
 * {@link #flatten()} and {@link #detach()} return views that share storage; every other op writes fresh
 * storage, including {@link #transpose} and {@link #permute} (views in PyTorch, copies here) and
 * {@link #copy()}. The only writes into an existing tensor are the in-place updates of a leaf
 * ({@link #addInPlace}, {@link #subInPlace}), writes through {@link #array()}, and the storage recycling
 * that {@link #reuseStorageAfterBackward()} and {@link #releaseStorageForReuse()} opt into.
 *
 * <p><b>Broadcasting.</b> {@link #add(Tensor)}, {@link #sub(Tensor)}, {@link #mul(Tensor)} and
 * {@link #div(Tensor)} broadcast as NumPy and PyTorch do ({@link Shape#broadcast}): the shapes are
 * aligned from their last dimension, missing leading dimensions count as 1, and each pair of dimensions
 * must be equal or contain a 1, which is repeated to match. So {@code (N, C) + (C)} adds one row to every
 * row and {@code (N, 1) * (1, M)} is {@code (N, M)}. The gradient of a broadcast operand is summed back
 * to the operand's own shape.
 *
 * <p><b>Gradients.</b> A leaf (a tensor no recorded op made) marked {@link #requiresGrad(boolean)
 * requiresGrad(true)}, typically a parameter, collects gradients. While recording is on for the thread
 * (the default; {@link Grad} switches it off) and an input of an op requires grad, the op's result
 * requires grad too and remembers the op that made it ({@link #gradFnName()}), with the inputs and the
 * tensors its backward needs: the graph is built as the ops run, as in PyTorch's eager autograd.
 * {@link #backward()} on a one-element result such as a loss {@code L} takes that graph's ops in
 * reverse topological order, runs each op's chain rule once, and adds {@code dL/dleaf} into the
 * {@link #grad()} of every leaf that requires grad. Gradients of intermediate tensors are not kept,
 * and the graph is released afterwards. A leaf's gradient accumulates over backward passes until
 * {@link #zeroGrad()} (an optimizer's {@code zeroGrad}) clears it.
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(new Generator(42), 3, 2).requiresGrad(true);
 * Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
 * Tensor loss = x.matmul(w).relu().sum();
 * loss.backward();
 * System.out.println(w.grad());
 * }</pre>
 *
 * <p><b>Thread safety.</b> A tensor is not synchronized. Since ops only read their inputs, any number
 * of threads may compute from the same tensors at once, as long as none writes them meanwhile: the
 * in-place methods ({@link #subInPlace}, ...), {@link #requiresGrad(boolean)}, {@link #zeroGrad()}, and
 * {@link #backward()}, which adds into the gradients of every leaf it reaches. Whether ops record a
 * graph is set per thread ({@link Grad}). A tensor handed to another thread after it is written (through
 * a queue, a future, a thread start) is seen whole.
 */
public final class Tensor {
    final float[] data;
    final int offset;
    private final Shape shape;
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    private boolean storageReusable;

    Tensor(float[] data, int offset, Shape shape) {
        if (offset < 0 || offset + shape.size() > data.length) {
            throw new IllegalArgumentException("storage of " + data.length + " floats cannot hold shape " + shape
                    + " at offset " + offset);
        }
        this.data = data;
        this.offset = offset;
        this.shape = shape;
    }

    /** A fresh tensor of zeros with the given shape; package-private: ops fill it. */
    static Tensor empty(Shape shape) {
        return new Tensor(new float[shape.size()], 0, shape);
    }

    // ------------------------------------------------------------------ creation

    /**
     * A tensor of zeros, as {@code torch.zeros}. Like every factory here it is a leaf that does not
     * require grad.
     *
     * @param dims the dimensions, each at least 0; none gives a scalar
     * @return a new tensor of shape {@code dims}
     * @throws IllegalArgumentException if a dimension is negative or the shape is too large (see {@link Shape#of})
     */
    public static Tensor zeros(int... dims) {
        return empty(Shape.of(dims));
    }

    /**
     * A tensor of ones, as {@code torch.ones}.
     *
     * @param dims the dimensions, each at least 0; none gives a scalar
     * @return a new tensor of shape {@code dims}
     */
    public static Tensor ones(int... dims) {
        return full(1f, dims);
    }

    /**
     * A tensor with every element {@code value}, as {@code torch.full}.
     *
     * @param value the value of every element
     * @param dims  the dimensions, each at least 0; none gives a scalar
     * @return a new tensor of shape {@code dims}
     */
    public static Tensor full(float value, int... dims) {
        Tensor t = zeros(dims);
        Arrays.fill(t.data, value);
        return t;
    }

    /**
     * A scalar (rank-0, one-element) tensor, as {@code torch.tensor(value)}.
     *
     * @param value its value
     * @return a new tensor of shape {@code []}
     */
    public static Tensor scalar(float value) {
        Tensor t = empty(Shape.scalar());
        t.data[0] = value;
        return t;
    }

    /**
     * A tensor holding a copy of {@code values}, read in row-major order (later changes to the array do not
     * reach the tensor).
     *
     * @param values the elements, row-major; their count must be the product of {@code dims}
     * @param dims   the dimensions; none gives the 1-D shape {@code (values.length)}
     * @return a new tensor of shape {@code dims}
     * @throws IllegalArgumentException if the number of values does not match the shape
     */
    public static Tensor of(float[] values, int... dims) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(dims, "dims");
        Shape s = dims.length == 0 ? Shape.of(values.length) : Shape.of(dims);
        if (s.size() != values.length) {
            throw new IllegalArgumentException("of: " + values.length + " values do not fill shape " + s);
        }
        return new Tensor(values.clone(), 0, s);
    }

    /**
     * {@code [0, 1, ..., n-1]} as floats, as {@code torch.arange(n)}.
     *
     * @param n the number of elements, at least 0
     * @return a new 1-D tensor of shape {@code (n)}
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange: n must be >= 0, got " + n);
        }
        return arange(0, n, 1);
    }

    /**
     * {@code start, start + step, start + 2·step, ...} up to but excluding {@code end}, like
     * {@code torch.arange(start, end, step)}: element {@code i} is {@code start + i·step}, and there are
     * {@code max(0, ceil((end - start) / step))} of them, computed in float.
     *
     * @param start the first value
     * @param end   the bound, excluded; below {@code start} when {@code step} is negative
     * @param step  the distance between neighbours, finite and not 0
     * @return a new 1-D tensor, empty when {@code end} lies behind {@code start}
     * @throws IllegalArgumentException if {@code step} is 0 or any argument is not finite
     */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || !Float.isFinite(step)) {
            throw new IllegalArgumentException("arange: step must be a finite number other than 0, got " + step);
        }
        if (!Float.isFinite(start) || !Float.isFinite(end)) {
            throw new IllegalArgumentException("arange: start and end must be finite, got start=" + start + ", end=" + end);
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        Tensor t = zeros(n);
        for (int i = 0; i < n; i++) {
            t.data[i] = start + i * step;
        }
        return t;
    }

    /**
     * Samples of the uniform distribution on {@code [0, 1)}, as {@code torch.rand}: one
     * {@link Generator#nextFloat()} per element, in row-major order, so the seed fixes every value (they
     * are not PyTorch's numbers for the same seed: the generators differ).
     *
     * @param generator the source of randomness, advanced by one draw per element
     * @param dims      the dimensions; none gives a scalar
     * @return a new tensor of shape {@code dims}
     */
    public static Tensor rand(Generator generator, int... dims) {
        Objects.requireNonNull(generator, "generator");
        Tensor t = zeros(dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = generator.nextFloat();
        }
        return t;
    }

    /**
     * Samples of the standard normal distribution (mean 0, variance 1), as {@code torch.randn}: one
     * {@link Generator#nextGaussian()} per element, in row-major order, rounded to float.
     *
     * @param generator the source of randomness
     * @param dims      the dimensions; none gives a scalar
     * @return a new tensor of shape {@code dims}
     */
    public static Tensor randn(Generator generator, int... dims) {
        Objects.requireNonNull(generator, "generator");
        Tensor t = zeros(dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) generator.nextGaussian();
        }
        return t;
    }

    // ------------------------------------------------------------------ shape and values

    /**
     * The shape, as {@code tensor.shape}.
     *
     * @return the dimensions, immutable
     */
    public Shape shape() {
        return shape;
    }

    /**
     * The dimensions, as {@code tensor.size()}.
     *
     * @return a new array, one entry per dimension (empty for a scalar)
     */
    public int[] dims() {
        return shape.dims();
    }

    /**
     * The size of one dimension, as {@code tensor.size(i)}.
     *
     * @param i the dimension, {@code 0..rank()-1}; negative counts from the end ({@code -1} is the last)
     * @return the number of entries along it
     * @throws IllegalArgumentException if {@code i} is out of range (a scalar has no dimension)
     */
    public int dim(int i) {
        return shape.dim(i);
    }

    /**
     * The number of dimensions, as {@code tensor.dim()}.
     *
     * @return 0 for a scalar, 2 for a matrix, ...
     */
    public int rank() {
        return shape.rank();
    }

    /**
     * The number of elements, as {@code tensor.numel()}.
     *
     * @return the product of the dimensions: 1 for a scalar, 0 if any dimension is 0
     */
    public int size() {
        return shape.size();
    }

    /**
     * The value of a one-element tensor, as {@code tensor.item()}.
     *
     * @return the only element, whatever the rank
     * @throws IllegalStateException if the tensor has other than one element
     */
    public float item() {
        if (shape.size() != 1) {
            throw new IllegalStateException("item: only a one-element tensor has an item, this one has shape " + shape);
        }
        return data[offset];
    }

    /**
     * The element at the given indices, as {@code tensor[i0, ..., ik].item()}.
     *
     * @param indices one index per dimension, each in {@code [0, dim)}; no negative indices
     * @return the element
     * @throws IllegalArgumentException  if there is not one index per dimension
     * @throws IndexOutOfBoundsException if an index is out of its dimension's range
     */
    public float get(int... indices) {
        if (indices.length != shape.rank()) {
            throw new IllegalArgumentException("get: " + indices.length + " indices for shape " + shape);
        }
        int flat = 0;
        for (int i = 0; i < indices.length; i++) {
            int d = shape.dim(i);
            if (indices[i] < 0 || indices[i] >= d) {
                throw new IndexOutOfBoundsException("get: index " + indices[i] + " out of range for dimension " + i
                        + " of shape " + shape);
            }
            flat = flat * d + indices[i];
        }
        return data[offset + flat];
    }

    /**
     * The values, as {@code tensor.flatten().tolist()}.
     *
     * @return a new array of {@link #size()} floats in row-major order
     */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + shape.size());
    }

    /**
     * The backing array, for code that works on raw floats (optimizers, data loaders, kernels):
     * elements {@code arrayOffset() .. arrayOffset() + size() - 1} in row-major order. Writing to it
     * bypasses autograd, as writing to {@code tensor.data} does in PyTorch; views share it.
     *
     * @return the storage itself, not a copy; it may be longer than {@link #size()}
     */
    public float[] array() {
        return data;
    }

    /**
     * Where this tensor's first element sits in {@link #array()}.
     *
     * @return an index into {@link #array()}; 0 unless this tensor is a view into a larger array
     */
    public int arrayOffset() {
        return offset;
    }

    /**
     * An explicit copy with its own storage, as {@code tensor.clone()}. It is recorded: gradients flow
     * through it to this tensor unchanged.
     *
     * @return a new tensor of this shape
     */
    public Tensor copy() {
        return ShapeOps.copy(this);
    }

    /**
     * Whether {@code other} has the same shape and bit-identical values (as {@link Arrays#equals(float[],
     * float[])}: NaN equals NaN, {@code 0.0} differs from {@code -0.0}). Gradients are not compared.
     *
     * @param other the tensor to compare with, not null
     * @return true if shapes and values are equal
     */
    public boolean contentEquals(Tensor other) {
        return shape.equals(other.shape) && Arrays.equals(data, offset, offset + shape.size(),
                other.data, other.offset, other.offset + other.shape.size());
    }

    /**
     * Whether every value is finite, neither NaN nor infinite, as {@code torch.isfinite(t).all()}. True for
     * an empty tensor.
     *
     * @return false if any element is NaN or infinite
     */
    public boolean allFinite() {
        for (int i = offset, end = offset + shape.size(); i < end; i++) {
            if (!Float.isFinite(data[i])) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ autograd

    /**
     * Whether gradients flow to (or through) this tensor, as {@code tensor.requires_grad}.
     *
     * @return true for a leaf marked by {@link #requiresGrad(boolean)} and for every result recorded from one
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Marks a leaf as a tensor that collects gradients (a parameter), or unmarks it, as
     * {@code tensor.requires_grad_(value)}. Ops on it record a graph from then on.
     *
     * @param value whether {@link #backward()} should compute this tensor's {@link #grad()}
     * @return this tensor, for chaining
     * @throws IllegalStateException if this tensor was made by a recorded op (use {@link #detach()} for a leaf)
     */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: only leaf tensors can change requires_grad; this one was made by "
                    + gradFn.name() + ". Use detach() to get a leaf.");
        }
        this.requiresGrad = value;
        return this;
    }

    /**
     * The gradient accumulated into this leaf, as {@code tensor.grad}: {@code dL/dthis} summed over every
     * backward pass since the last {@link #zeroGrad()}.
     *
     * @return a tensor of this tensor's shape with its own storage; null before the first backward, after
     *     {@link #zeroGrad()}, and for a tensor that is not a leaf (whose gradient is not kept) unless
     *     {@link #setGrad} gave it one
     */
    public Tensor grad() {
        return grad;
    }

    /**
     * Forgets the accumulated gradient: {@link #grad()} becomes null, as PyTorch's
     * {@code zero_grad(set_to_none=True)}, its default. The next backward stores a fresh gradient.
     */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Sets the gradient, as {@code p.grad = g} in PyTorch: a copy of {@code gradient}, which must have this
     * tensor's shape, or null to forget it. A later backward adds to it; an optimizer step reads it.
     * For gradients computed elsewhere (another framework, a hand-derived formula, a clipped or
     * averaged one).
     *
     * @param gradient the new gradient, of this tensor's shape (copied), or null to clear it
     * @throws IllegalArgumentException if the shapes differ
     */
    public void setGrad(Tensor gradient) {
        if (gradient == null) {
            grad = null;
            return;
        }
        if (!gradient.shape().equals(shape)) {
            throw new IllegalArgumentException("setGrad: a gradient of shape " + gradient.shape()
                    + " for a tensor of shape " + shape);
        }
        grad = new Tensor(gradient.toArray(), 0, shape);
    }

    /**
     * Lets the engine reuse this tensor's storage once a backward pass (without {@code retainGraph})
     * has released every node that reads it. Meant for intermediate results that nothing but the
     * graph reads, such as the outputs {@code Sequential} passes from one layer to the next: after
     * that backward pass this tensor's values are unspecified. Storage that a tensor without this
     * mark shares in the graph is never reused.
     *
     * @return this tensor, for chaining
     */
    public Tensor reuseStorageAfterBackward() {
        storageReusable = true;
        return this;
    }

    /**
     * Hands this tensor's array to this thread's free lists now, for the next op that needs one of its
     * size. Afterwards this tensor and every view of its storage hold unspecified values and must not
     * be read. Meant for intermediate results of a pass without gradients that nothing else holds:
     * {@code Sequential}'s inference calls it for the activations it passed between its own layers.
     * A tensor that a recorded graph still reads (one that requires grad) is left alone.
     */
    public void releaseStorageForReuse() {
        if (gradFn == null && !requiresGrad) {
            GradientStorage.reuse(data);
        }
    }

    boolean storageReusable() {
        return storageReusable;
    }

    /**
     * Whether this tensor and {@code other} are views of the same storage (for example a tensor and its
     * {@link #reshape}), so that writing one through {@link #array()} changes the other.
     *
     * @param other the tensor to compare with, not null
     * @return true if both use the same backing array
     */
    public boolean sharesStorageWith(Tensor other) {
        return data == other.data;
    }

    /**
     * Whether no recorded op made this tensor, as {@code tensor.is_leaf}: tensors from the factories,
     * {@link #detach()}, and results computed while recording was off or from inputs that require no
     * grad. Only leaves receive a {@link #grad()} from backward.
     *
     * @return true for a leaf
     */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * The name of the op that produced this tensor, as {@code tensor.grad_fn} ({@code toString} prints it
     * as {@code grad_fn=<AddBackward>}).
     *
     * @return the op's name, such as {@code "Add"}, {@code "MatMul"} or {@code "Sum"}; null for a leaf
     */
    public String gradFnName() {
        return gradFn == null ? null : gradFn.name();
    }

    /**
     * A view of the same storage cut off from the graph, as {@code tensor.detach()}: a leaf that does not
     * require grad, through which no gradient flows back.
     *
     * @return a new tensor of this shape sharing this tensor's storage
     */
    public Tensor detach() {
        return new Tensor(data, offset, shape);
    }

    /**
     * Back-propagates from this one-element tensor (a loss {@code L}), as {@code loss.backward()}: adds
     * {@code dL/dleaf} into the {@link #grad()} of every leaf that requires grad and that this tensor
     * depends on, then releases the graph (a second backward through it fails).
     *
     * @throws IllegalStateException if this tensor has more than one element, does not require grad, or
     *     its graph was released by an earlier backward
     */
    public void backward() {
        backward(false);
    }

    /**
     * As {@link #backward()}, optionally keeping the graph, as {@code loss.backward(retain_graph=...)}.
     *
     * @param retainGraph true to keep the graph's nodes and saved tensors, so that another backward can run
     *     through it (adding into the gradients again); false to release them, as {@link #backward()}
     * @throws IllegalStateException as {@link #backward()}
     */
    public void backward(boolean retainGraph) {
        if (shape.size() != 1) {
            throw new IllegalStateException("backward: grad can be created implicitly only for one-element outputs, "
                    + "this one has shape " + shape + "; pass a gradient to backward(Tensor)");
        }
        Tensor seed = full(1f, shape.dims());
        Autograd.backward(this, seed, retainGraph);
    }

    /**
     * Back-propagates a given gradient from this tensor of any shape, as {@code y.backward(gradient)}:
     * every leaf that requires grad receives the vector-Jacobian product {@code Σ_i gradient[i] ·
     * dy[i]/dleaf}, added into its {@link #grad()}. The graph is released.
     *
     * @param gradient {@code dL/dy} for some scalar {@code L}, of this tensor's shape
     * @throws IllegalArgumentException if the shapes differ
     * @throws IllegalStateException    if this tensor does not require grad or its graph was released
     */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient, false);
    }

    Node gradFn() {
        return gradFn;
    }

    void attach(Node node) {
        this.gradFn = node;
        this.requiresGrad = true;
    }

    void accumulateGrad(Tensor g) {
        if (grad == null) {
            grad = new Tensor(g.toArray(), 0, shape);
        } else {
            float[] acc = grad.data;
            for (int i = 0; i < acc.length; i++) {
                acc[i] += g.data[g.offset + i];
            }
        }
    }

    /** {@code this + other} into fresh storage, with no graph: used by the engine to sum gradients. */
    Tensor addInPlaceFresh(Tensor other) {
        float[] out = toArray();
        for (int i = 0; i < out.length; i++) {
            out[i] += other.data[other.offset + i];
        }
        return new Tensor(out, 0, shape);
    }

    /**
     * {@code this -= other}, in place and unrecorded: the update step of a hand-written optimizer.
     * Allowed on leaves only, since changing a tensor that a recorded op saved would corrupt its backward.
     * No broadcasting; views of this storage see the change.
     *
     * @param other the tensor to subtract, of this tensor's shape
     * @return this tensor, for chaining
     * @throws IllegalStateException    if this tensor was made by a recorded op
     * @throws IllegalArgumentException if the shapes differ
     */
    public Tensor subInPlace(Tensor other) {
        return updateInPlace(other, -1f);
    }

    /**
     * {@code this += other}, in place and unrecorded; leaves only and no broadcasting, as {@link #subInPlace}.
     *
     * @param other the tensor to add, of this tensor's shape
     * @return this tensor, for chaining
     * @throws IllegalStateException    if this tensor was made by a recorded op
     * @throws IllegalArgumentException if the shapes differ
     */
    public Tensor addInPlace(Tensor other) {
        return updateInPlace(other, 1f);
    }

    private Tensor updateInPlace(Tensor other, float sign) {
        if (gradFn != null) {
            throw new IllegalStateException("in-place update of a tensor made by " + gradFn.name()
                    + " would corrupt the recorded graph; update leaves only");
        }
        if (!other.shape.equals(shape)) {
            throw new IllegalArgumentException("in-place update: shape " + other.shape + " does not match " + shape);
        }
        for (int i = 0, n = shape.size(); i < n; i++) {
            data[offset + i] += sign * other.data[other.offset + i];
        }
        return this;
    }

    // ------------------------------------------------------------------ arithmetic (broadcasting)

    /**
     * Element-wise sum {@code this + other}, broadcasting as NumPy (see the class comment), as
     * {@code torch.add}. Gradient: {@code g} to each operand, summed over the dimensions it was broadcast along.
     *
     * @param other a tensor whose shape broadcasts with this one's
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor add(Tensor other) {
        return BinaryOps.add(this, other);
    }

    /**
     * Element-wise difference {@code this - other}, broadcasting, as {@code torch.sub}. Gradient: {@code g}
     * to this tensor and {@code -g} to {@code other}, each summed back to its shape.
     *
     * @param other a tensor whose shape broadcasts with this one's
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor sub(Tensor other) {
        return BinaryOps.sub(this, other);
    }

    /**
     * Element-wise (Hadamard) product {@code this · other}, broadcasting, as {@code torch.mul}; for the
     * matrix product see {@link #matmul}. Gradient: {@code g · other} to this tensor and {@code g · this}
     * to {@code other}, each summed back to its shape.
     *
     * @param other a tensor whose shape broadcasts with this one's
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor mul(Tensor other) {
        return BinaryOps.mul(this, other);
    }

    /**
     * Element-wise quotient {@code this / other}, broadcasting, as {@code torch.div}; division by zero
     * gives infinity or NaN, as in IEEE 754. Gradient: {@code g / other} to this tensor and
     * {@code -g · this / other²} to {@code other}, each summed back to its shape.
     *
     * @param other a tensor whose shape broadcasts with this one's
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor div(Tensor other) {
        return BinaryOps.div(this, other);
    }

    /**
     * Adds a constant to every element, {@code this + value}; recorded, with gradient {@code g}.
     *
     * @param value the constant
     * @return a new tensor of this shape
     */
    public Tensor add(float value) {
        return BinaryOps.add(this, scalar(value));
    }

    /**
     * Subtracts a constant from every element, {@code this - value}; recorded, with gradient {@code g}.
     *
     * @param value the constant
     * @return a new tensor of this shape
     */
    public Tensor sub(float value) {
        return BinaryOps.sub(this, scalar(value));
    }

    /**
     * Multiplies every element by a constant, {@code this · value}; recorded, with gradient {@code g · value}.
     *
     * @param value the constant
     * @return a new tensor of this shape
     */
    public Tensor mul(float value) {
        return BinaryOps.mul(this, scalar(value));
    }

    /**
     * Divides every element by a constant, {@code this / value}; recorded, with gradient {@code g / value}.
     *
     * @param value the constant; 0 gives infinities and NaN
     * @return a new tensor of this shape
     */
    public Tensor div(float value) {
        return BinaryOps.div(this, scalar(value));
    }

    /**
     * Element-wise negation {@code -x}, as {@code torch.neg}. Gradient {@code -g}.
     *
     * @return a new tensor of this shape
     */
    public Tensor neg() {
        return Pointwise.neg(this);
    }

    /**
     * Element-wise exponential {@code e^x}, as {@code torch.exp}. Gradient {@code g · e^x}.
     *
     * @return a new tensor of this shape; values above about 88.7 overflow to infinity
     */
    public Tensor exp() {
        return Pointwise.exp(this);
    }

    /**
     * Element-wise natural logarithm {@code ln x}, as {@code torch.log}. Gradient {@code g / x}.
     *
     * @return a new tensor of this shape: minus infinity where {@code x = 0}, NaN where {@code x < 0}
     */
    public Tensor log() {
        return Pointwise.log(this);
    }

    /**
     * Element-wise square root, as {@code torch.sqrt}. Gradient {@code g / (2 sqrt(x))}, infinite at 0.
     *
     * @return a new tensor of this shape, NaN where {@code x < 0}
     */
    public Tensor sqrt() {
        return Pointwise.sqrt(this);
    }

    /**
     * Element-wise power {@code x^exponent} for a constant exponent, as {@code torch.pow(x, exponent)},
     * with {@link Math#pow}'s conventions. Gradient {@code g · exponent · x^(exponent-1)}, and 0 for
     * exponent 0 (as PyTorch).
     *
     * @param exponent the constant exponent; a fractional one gives NaN for negative {@code x}
     * @return a new tensor of this shape
     */
    public Tensor pow(float exponent) {
        return Pointwise.pow(this, exponent);
    }

    // ------------------------------------------------------------------ activations

    /**
     * The rectifier {@code max(x, 0)}, element-wise, as {@code torch.relu}. Gradient {@code g} where
     * {@code x > 0}, else 0 (also at {@code x = 0}, as PyTorch).
     *
     * @return a new tensor of this shape
     */
    public Tensor relu() {
        return Activations.relu(this);
    }

    /**
     * Leaky ReLU, element-wise, as {@code F.leaky_relu}: {@code x} where {@code x > 0}, else
     * {@code negativeSlope · x}. Gradient {@code g} where {@code x > 0}, else {@code negativeSlope · g}.
     *
     * @param negativeSlope the slope for {@code x <= 0}; PyTorch's default is 0.01 (this method has no default)
     * @return a new tensor of this shape
     */
    public Tensor leakyRelu(float negativeSlope) {
        return Activations.leakyRelu(this, negativeSlope);
    }

    /**
     * The logistic sigmoid {@code σ(x) = 1 / (1 + e^-x)}, element-wise, as {@code torch.sigmoid}; it does not
     * overflow for large {@code |x|}. Gradient {@code g · σ(x) (1 - σ(x))}.
     *
     * @return a new tensor of this shape, values in {@code [0, 1]}
     */
    public Tensor sigmoid() {
        return Activations.sigmoid(this);
    }

    /**
     * The hyperbolic tangent, element-wise, as {@code torch.tanh}. Gradient {@code g · (1 - tanh²(x))}.
     *
     * @return a new tensor of this shape, values in {@code [-1, 1]}
     */
    public Tensor tanh() {
        return Activations.tanh(this);
    }

    /**
     * The Gaussian error linear unit (Hendrycks and Gimpel, "Gaussian Error Linear Units (GELUs)",
     * arXiv:1606.08415), element-wise, in its exact erf form {@code GELU(x) = x · Φ(x)}, where
     * {@code Φ(x) = (1 + erf(x / sqrt(2))) / 2} is the standard normal CDF: PyTorch's default
     * ({@code F.gelu} with {@code approximate='none'}), not the tanh approximation. Gradient
     * {@code g · (Φ(x) + x φ(x))}, with {@code φ} the standard normal density.
     *
     * @return a new tensor of this shape
     */
    public Tensor gelu() {
        return Activations.gelu(this);
    }

    /**
     * Softmax along {@code dim}, as {@code torch.softmax(x, dim)}:
     * {@code y_i = e^(x_i - m) / Σ_j e^(x_j - m)} over the entries along {@code dim}, with {@code m} their
     * maximum subtracted so that nothing overflows. Gradient {@code y · (g - Σ_j g_j y_j)} along {@code dim}.
     *
     * @param dim the dimension to normalise over; negative counts from the end (a scalar takes 0 or -1)
     * @return a new tensor of this shape whose entries along {@code dim} are positive and sum to 1
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor softmax(int dim) {
        return Softmax.softmax(this, dim);
    }

    /**
     * Log-softmax along {@code dim}, as {@code torch.log_softmax(x, dim)}:
     * {@code y_i = x_i - m - ln Σ_j e^(x_j - m)}, with {@code m} the maximum along {@code dim} (the
     * log-sum-exp trick), more accurate than {@code softmax(dim).log()}. Gradient
     * {@code g - softmax(x) · Σ_j g_j} along {@code dim}.
     *
     * @param dim the dimension to normalise over; negative counts from the end (a scalar takes 0 or -1)
     * @return a new tensor of this shape
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor logSoftmax(int dim) {
        return Softmax.logSoftmax(this, dim);
    }

    // ------------------------------------------------------------------ reductions

    /**
     * The sum of all elements, as {@code torch.sum(x)}, accumulated in double in row-major order (so the
     * result does not depend on the thread count). Gradient: {@code g} to every element.
     *
     * @return a new scalar (rank 0); 0 for an empty tensor
     */
    public Tensor sum() {
        return Reductions.sum(this, allDims(), false);
    }

    /**
     * The sum along the given dimensions, as {@code torch.sum(x, dims, keepdim)}, accumulated in double.
     * Gradient: each element receives the gradient of the sum it went into.
     *
     * @param dims    distinct dimensions to sum over, negative counting from the end; empty sums over
     *     nothing and gives a copy (in PyTorch an empty list means every dimension)
     * @param keepdim true to keep the summed dimensions with size 1 (so the result broadcasts against
     *     this tensor), false to remove them
     * @return a new tensor: this shape with the summed dimensions set to 1 or removed
     * @throws IllegalArgumentException if a dimension is out of range or repeated
     */
    public Tensor sum(int[] dims, boolean keepdim) {
        return Reductions.sum(this, dims, keepdim);
    }

    /**
     * The sum along one dimension, which is removed, as {@code torch.sum(x, dim)}.
     *
     * @param dim the dimension to sum over; negative counts from the end
     * @return a new tensor with one dimension fewer
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor sum(int dim) {
        return Reductions.sum(this, new int[] {dim}, false);
    }

    /**
     * The mean of all elements, as {@code torch.mean(x)}, accumulated in double. Gradient:
     * {@code g / size()} to every element.
     *
     * @return a new scalar (rank 0); NaN for an empty tensor, as PyTorch
     */
    public Tensor mean() {
        return Reductions.mean(this, allDims(), false);
    }

    /**
     * The mean along the given dimensions, as {@code torch.mean(x, dims, keepdim)}: the sum divided by the
     * number of elements summed. Gradient: each element receives {@code 1/count} of the gradient of its mean.
     *
     * @param dims    distinct dimensions to average over, negative counting from the end; empty gives a copy
     * @param keepdim true to keep the averaged dimensions with size 1, false to remove them
     * @return a new tensor: this shape with the averaged dimensions set to 1 or removed
     * @throws IllegalArgumentException if a dimension is out of range or repeated
     */
    public Tensor mean(int[] dims, boolean keepdim) {
        return Reductions.mean(this, dims, keepdim);
    }

    /**
     * The mean along one dimension, which is removed, as {@code torch.mean(x, dim)}.
     *
     * @param dim the dimension to average over; negative counts from the end
     * @return a new tensor with one dimension fewer
     * @throws IllegalArgumentException if {@code dim} is out of range
     */
    public Tensor mean(int dim) {
        return Reductions.mean(this, new int[] {dim}, false);
    }

    /**
     * The maximum along {@code dim} with where it was found, as {@code torch.max(x, dim, keepdim)}: the
     * first maximum when several are equal, and NaN counts as larger than every number (as PyTorch).
     * Gradient: {@code g} flows to the position of each maximum only, 0 to the other elements.
     *
     * @param dim     the dimension to reduce; negative counts from the end
     * @param keepdim true to keep it with size 1, false to remove it
     * @return the values (differentiable) and their indices along {@code dim}
     * @throws IllegalArgumentException if {@code dim} is out of range or has size 0
     */
    public MaxResult max(int dim, boolean keepdim) {
        return MaxOp.forward(this, dim, keepdim);
    }

    private int[] allDims() {
        int[] d = new int[shape.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return d;
    }

    // ------------------------------------------------------------------ linear algebra and shape

    /**
     * Matrix product {@code C = A B} of this tensor {@code A} and {@code other} {@code B}, as
     * {@code torch.matmul} for operands of rank 2 or more. 2-D: {@code (M, K) x (K, N) -> (M, N)}. Batched:
     * {@code (..., M, K) x (..., K, N) -> (..., M, N)}, where the batch dimensions (all but the last two)
     * broadcast as in element-wise ops and a 2-D operand is shared across the batch. Unlike PyTorch, a
     * 1-D operand is refused: reshape a vector to {@code (1, K)} or {@code (K, 1)}. Gradient:
     * {@code dA = g Bᵀ}, {@code dB = Aᵀ g}, summed over the batch where an operand was broadcast.
     *
     * @param other the right operand, {@code (K, N)} or {@code (..., K, N)}
     * @return a new tensor {@code (..., M, N)}
     * @throws IllegalArgumentException if an operand has rank below 2, the inner dimensions differ, or the
     *     batch dimensions do not broadcast
     */
    public Tensor matmul(Tensor other) {
        return MatMulOp.forward(this, other);
    }

    /**
     * Swaps two dimensions, as {@code torch.transpose(x, dim0, dim1)}, but into fresh storage (a copy,
     * since tensors are always row-major; PyTorch returns a view). Gradient: {@code g} transposed back.
     *
     * @param dim0 one dimension; negative counts from the end
     * @param dim1 the other dimension; may equal {@code dim0}
     * @return a new tensor with dimensions {@code dim0} and {@code dim1} exchanged
     * @throws IllegalArgumentException if a dimension is out of range
     */
    public Tensor transpose(int dim0, int dim1) {
        int[] order = allDims();
        int a = shape.normalizeDim(dim0);
        int b = shape.normalizeDim(dim1);
        order[a] = b;
        order[b] = a;
        return ShapeOps.permute(this, order);
    }

    /**
     * Reorders the dimensions, as {@code torch.permute}, into fresh storage (a copy): result dimension
     * {@code i} is this tensor's dimension {@code order[i]}, so {@code (N, C, H, W).permute(0, 2, 3, 1)}
     * is {@code (N, H, W, C)}. Gradient: {@code g} permuted back by the inverse order.
     *
     * @param order a permutation of {@code 0..rank()-1}; negative entries count from the end
     * @return a new tensor with the dimensions in that order
     * @throws IllegalArgumentException if {@code order} is not a permutation of this tensor's dimensions
     */
    public Tensor permute(int... order) {
        return ShapeOps.permute(this, order);
    }

    /**
     * The same values with another shape, as {@code torch.reshape}: always a view sharing this storage, since
     * every tensor is contiguous. Recorded: the gradient is {@code g} reshaped back.
     *
     * @param dims the new dimensions, whose product is {@link #size()}; one of them may be -1, inferred from
     *     the others
     * @return a view of this tensor with shape {@code dims}
     * @throws IllegalArgumentException if the sizes differ, a dimension is below -1, or more than one is -1
     */
    public Tensor reshape(int... dims) {
        return ShapeOps.reshape(this, dims);
    }

    /**
     * All dimensions from {@code startDim} on merged into one, as {@code torch.flatten(x, startDim)}: a
     * view of shape {@code (d0, ..., d(start-1), d(start) · ... · d(last))}. {@code flatten(1)} turns
     * images {@code (N, C, H, W)} into rows {@code (N, C·H·W)}.
     *
     * @param startDim the first dimension merged; negative counts from the end
     * @return a view of this tensor with {@code startDim + 1} dimensions (a negative {@code startDim} counted
     *     from the end first)
     * @throws IllegalArgumentException if {@code startDim} is out of range (a scalar has no dimension)
     */
    public Tensor flatten(int startDim) {
        int start = shape.normalizeDim(startDim);
        int[] dims = new int[start + 1];
        int merged = 1;
        for (int i = 0; i < shape.rank(); i++) {
            if (i < start) {
                dims[i] = shape.dim(i);
            } else {
                merged *= shape.dim(i);
            }
        }
        dims[start] = merged;
        return reshape(dims);
    }

    /**
     * All dimensions merged into one, as {@code torch.flatten(x)}.
     *
     * @return a 1-D view of shape {@code (size())}; a scalar gives shape {@code (1)}
     */
    public Tensor flatten() {
        return shape.rank() == 0 ? reshape(1) : flatten(0);
    }

    // ------------------------------------------------------------------ printing

    /**
     * Prints like PyTorch: {@code tensor([[1., 2.], [3., 4.]], requires_grad=True)} with each row on its
     * own line, {@code grad_fn=<AddBackward>} in place of {@code requires_grad=True} for a recorded result,
     * and beyond 1000 elements only the first and last three entries of each dimension.
     *
     * @return the values, formatted as PyTorch's {@code repr}
     */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
