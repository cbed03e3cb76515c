package dev.myelin.tensor;

/**
 * One recorded operation in the autograd graph: it knows its inputs, the tensors it saved during the
 * forward pass, and how to turn the gradient of its output into gradients of its inputs.
 *
 * <p>Each op is a subclass that keeps its forward (a static method that computes the output and
 * records the node) and its {@link #backward} side by side in one file. After a backward pass the
 * engine {@linkplain #release() releases} the node: inputs and saved tensors are dropped so that
 * their memory can be reclaimed, and a second backward through it fails with a clear message.
 */
abstract class Node {
    private Tensor[] inputs;
    private Tensor[] saved;
    private boolean released;

    Node(Tensor... inputs) {
        this.inputs = inputs;
        this.saved = new Tensor[0];
    }

    /** Keeps tensors that the backward pass needs (the output, a mask, ...). */
    final void save(Tensor... tensors) {
        this.saved = tensors;
    }

    final Tensor input(int i) {
        return inputs[i];
    }

    final Tensor saved(int i) {
        return saved[i];
    }

    final int inputCount() {
        return inputs.length;
    }

    /** Whether input {@code i} wants a gradient; backward may skip the work for the others. */
    final boolean needsGrad(int i) {
        return inputs[i].requiresGrad();
    }

    /**
     * The gradients of the inputs, one per input (null where {@link #needsGrad} is false), given the
     * gradient of the output. It runs with gradient recording disabled. A result may be a view of
     * {@code gradOutput}: the engine never writes into a gradient it is handed, it copies first.
     */
    abstract Tensor[] backward(Tensor gradOutput);

    /** The op's name in error messages and in {@code grad_fn} printing. */
    String name() {
        String n = getClass().getSimpleName();
        return n.endsWith("Op") ? n.substring(0, n.length() - 2) : n;
    }

    final boolean isReleased() {
        return released;
    }

    final Tensor[] inputs() {
        return inputs;
    }

    /** The tensors kept for backward (empty when none, null once released). */
    final Tensor[] savedTensors() {
        return saved;
    }

    final void release() {
        inputs = null;
        saved = null;
        released = true;
        releaseScratch();
    }

    /** Hands back storage only backward needed (max-pool's argmax); called once, when the graph is released. */
    void releaseScratch() {
    }
}
