package dev.myelin.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense, row-major, float32 array of any rank that can record the operations applied to it and
 * compute gradients by reverse-mode automatic differentiation.
 *
 * <p>Ops never modify their inputs; each returns a new tensor. {@link #reshape} of a tensor returns a
 * view that shares storage; every other op, and {@link #copy()}, writes fresh storage. When gradient
 * recording is on (see {@link Grad}) and an input {@linkplain #requiresGrad() requires grad}, the
 * result remembers the op that made it, and {@link #backward()} sends gradients back to every leaf.
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

    /** A tensor of zeros. */
    public static Tensor zeros(int... dims) {
        return empty(Shape.of(dims));
    }

    /** A tensor of ones. */
    public static Tensor ones(int... dims) {
        return full(1f, dims);
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(float value, int... dims) {
        Tensor t = zeros(dims);
        Arrays.fill(t.data, value);
        return t;
    }

    /** A scalar (rank-0) tensor. */
    public static Tensor scalar(float value) {
        Tensor t = empty(Shape.scalar());
        t.data[0] = value;
        return t;
    }

    /**
     * A tensor holding a copy of {@code values} in row-major order. With no dims it is one-dimensional.
     *
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

    /** {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange: n must be >= 0, got " + n);
        }
        return arange(0, n, 1);
    }

    /** {@code start, start+step, ...} up to but excluding {@code end}, like {@code torch.arange}. */
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

    /** Uniform samples in [0, 1) drawn from {@code generator}. */
    public static Tensor rand(Generator generator, int... dims) {
        Objects.requireNonNull(generator, "generator");
        Tensor t = zeros(dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = generator.nextFloat();
        }
        return t;
    }

    /** Standard normal samples drawn from {@code generator}. */
    public static Tensor randn(Generator generator, int... dims) {
        Objects.requireNonNull(generator, "generator");
        Tensor t = zeros(dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) generator.nextGaussian();
        }
        return t;
    }

    // ------------------------------------------------------------------ shape and values

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The dimensions, as a new array. */
    public int[] dims() {
        return shape.dims();
    }

    /** Size of dimension {@code i} (negative counts from the end). */
    public int dim(int i) {
        return shape.dim(i);
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (shape.size() != 1) {
            throw new IllegalStateException("item: only a one-element tensor has an item, this one has shape " + shape);
        }
        return data[offset];
    }

    /** The element at the given indices. */
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

    /** A copy of the values in row-major order. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + shape.size());
    }

    /**
     * The backing array, for code that works on raw floats (optimizers, data loaders, kernels):
     * elements {@code arrayOffset() .. arrayOffset() + size() - 1} in row-major order. Writing to it
     * bypasses autograd, as writing to {@code tensor.data} does in PyTorch; views share it.
     */
    public float[] array() {
        return data;
    }

    /** Where this tensor's first element sits in {@link #array()}. */
    public int arrayOffset() {
        return offset;
    }

    /** An explicit copy with its own storage; gradients flow through it. */
    public Tensor copy() {
        return ShapeOps.copy(this);
    }

    /** Whether {@code other} has the same shape and bit-identical values. */
    public boolean contentEquals(Tensor other) {
        return shape.equals(other.shape) && Arrays.equals(data, offset, offset + shape.size(),
                other.data, other.offset, other.offset + other.shape.size());
    }

    /**
     * Whether every value is finite, neither NaN nor infinite, as {@code torch.isfinite(t).all()}. True for
     * an empty tensor.
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

    /** Whether gradients flow to (or through) this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf tensor as a parameter that collects gradients; returns this tensor. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: only leaf tensors can change requires_grad; this one was made by "
                    + gradFn.name() + ". Use detach() to get a leaf.");
        }
        this.requiresGrad = value;
        return this;
    }

    /** The accumulated gradient of a leaf, or null before the first backward. */
    public Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Sets the gradient, as {@code p.grad = g} in PyTorch: a copy of {@code gradient}, which must have this
     * tensor's shape, or null to forget it. A later backward adds to it; an optimizer step reads it.
     * For gradients computed elsewhere (another framework, a hand-derived formula, a clipped or
     * averaged one).
     *
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
     * mark shares in the graph is never reused. Returns this tensor.
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
     * A tensor that a recorded graph still reads is left alone.
     */
    public void releaseStorageForReuse() {
        if (gradFn == null && !requiresGrad) {
            GradientStorage.reuse(data);
        }
    }

    boolean storageReusable() {
        return storageReusable;
    }

    /** Whether this tensor and {@code other} are views of the same storage. */
    public boolean sharesStorageWith(Tensor other) {
        return data == other.data;
    }

    /** Whether this tensor was created by the user rather than recorded from an op. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The name of the op that produced this tensor, or null for a leaf. */
    public String gradFnName() {
        return gradFn == null ? null : gradFn.name();
    }

    /** A tensor sharing this one's storage, cut off from the graph. */
    public Tensor detach() {
        return new Tensor(data, offset, shape);
    }

    /** Back-propagates from this scalar: gradients are added into every leaf's {@link #grad()}; the graph is released. */
    public void backward() {
        backward(false);
    }

    /** As {@link #backward()}; with {@code retainGraph} the graph is kept for another backward. */
    public void backward(boolean retainGraph) {
        if (shape.size() != 1) {
            throw new IllegalStateException("backward: grad can be created implicitly only for one-element outputs, "
                    + "this one has shape " + shape + "; pass a gradient to backward(Tensor)");
        }
        Tensor seed = full(1f, shape.dims());
        Autograd.backward(this, seed, retainGraph);
    }

    /** Back-propagates {@code gradient} (same shape as this tensor) from this tensor; the graph is released. */
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
     */
    public Tensor subInPlace(Tensor other) {
        return updateInPlace(other, -1f);
    }

    /** {@code this += other}, in place and unrecorded; leaves only, as {@link #subInPlace}. */
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

    /** Element-wise sum, broadcasting like NumPy. */
    public Tensor add(Tensor other) {
        return BinaryOps.add(this, other);
    }

    /** Element-wise difference, broadcasting. */
    public Tensor sub(Tensor other) {
        return BinaryOps.sub(this, other);
    }

    /** Element-wise product, broadcasting. */
    public Tensor mul(Tensor other) {
        return BinaryOps.mul(this, other);
    }

    /** Element-wise quotient, broadcasting. */
    public Tensor div(Tensor other) {
        return BinaryOps.div(this, other);
    }

    /** Adds a constant. */
    public Tensor add(float value) {
        return BinaryOps.add(this, scalar(value));
    }

    /** Subtracts a constant. */
    public Tensor sub(float value) {
        return BinaryOps.sub(this, scalar(value));
    }

    /** Multiplies by a constant. */
    public Tensor mul(float value) {
        return BinaryOps.mul(this, scalar(value));
    }

    /** Divides by a constant. */
    public Tensor div(float value) {
        return BinaryOps.div(this, scalar(value));
    }

    /** {@code -x}. */
    public Tensor neg() {
        return Pointwise.neg(this);
    }

    /** {@code e^x}. */
    public Tensor exp() {
        return Pointwise.exp(this);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return Pointwise.log(this);
    }

    /** Square root. */
    public Tensor sqrt() {
        return Pointwise.sqrt(this);
    }

    /** {@code x^exponent} for a constant exponent. */
    public Tensor pow(float exponent) {
        return Pointwise.pow(this, exponent);
    }

    // ------------------------------------------------------------------ activations

    /** {@code max(x, 0)}. */
    public Tensor relu() {
        return Activations.relu(this);
    }

    /** {@code x} where positive, {@code slope * x} elsewhere. */
    public Tensor leakyRelu(float negativeSlope) {
        return Activations.leakyRelu(this, negativeSlope);
    }

    /** {@code 1 / (1 + e^-x)}. */
    public Tensor sigmoid() {
        return Activations.sigmoid(this);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return Activations.tanh(this);
    }

    /** GELU with the exact erf form, {@code x * Φ(x)} (PyTorch's default). */
    public Tensor gelu() {
        return Activations.gelu(this);
    }

    /** Softmax along {@code dim}, computed stably (the maximum is subtracted first). */
    public Tensor softmax(int dim) {
        return Softmax.softmax(this, dim);
    }

    /** Log-softmax along {@code dim}, computed stably with log-sum-exp. */
    public Tensor logSoftmax(int dim) {
        return Softmax.logSoftmax(this, dim);
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements, as a scalar. */
    public Tensor sum() {
        return Reductions.sum(this, allDims(), false);
    }

    /** Sum along the given dimensions; {@code keepdim} keeps them with size 1. */
    public Tensor sum(int[] dims, boolean keepdim) {
        return Reductions.sum(this, dims, keepdim);
    }

    /** Sum along one dimension, which is removed. */
    public Tensor sum(int dim) {
        return Reductions.sum(this, new int[] {dim}, false);
    }

    /** Mean of all elements, as a scalar. */
    public Tensor mean() {
        return Reductions.mean(this, allDims(), false);
    }

    /** Mean along the given dimensions; {@code keepdim} keeps them with size 1. */
    public Tensor mean(int[] dims, boolean keepdim) {
        return Reductions.mean(this, dims, keepdim);
    }

    /** Mean along one dimension, which is removed. */
    public Tensor mean(int dim) {
        return Reductions.mean(this, new int[] {dim}, false);
    }

    /** Maximum along {@code dim}, with the index of the first maximum; the gradient flows to that index. */
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
     * Matrix product. 2-D: {@code (M, K) x (K, N) -> (M, N)}. Batched: {@code (..., M, K) x (..., K, N)},
     * where the batch dimensions broadcast and a 2-D operand is shared across the batch.
     */
    public Tensor matmul(Tensor other) {
        return MatMulOp.forward(this, other);
    }

    /** Swaps two dimensions (a copy, since tensors are always row-major). */
    public Tensor transpose(int dim0, int dim1) {
        int[] order = allDims();
        int a = shape.normalizeDim(dim0);
        int b = shape.normalizeDim(dim1);
        order[a] = b;
        order[b] = a;
        return ShapeOps.permute(this, order);
    }

    /** Reorders the dimensions: result dimension {@code i} is this tensor's dimension {@code order[i]}. */
    public Tensor permute(int... order) {
        return ShapeOps.permute(this, order);
    }

    /** The same values with another shape; a view sharing storage. One dimension may be -1 (inferred). */
    public Tensor reshape(int... dims) {
        return ShapeOps.reshape(this, dims);
    }

    /** All dimensions from {@code startDim} on merged into one (a view). */
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

    /** All dimensions merged into one (a view). */
    public Tensor flatten() {
        return shape.rank() == 0 ? reshape(1) : flatten(0);
    }

    // ------------------------------------------------------------------ printing

    /** Prints like PyTorch: {@code tensor([[1., 2.], [3., 4.]], requires_grad=True)}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
