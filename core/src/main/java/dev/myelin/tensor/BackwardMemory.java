package dev.myelin.tensor;

import java.util.List;

/**
 * The memory side of one backward pass, kept out of {@link Autograd#backward}'s algorithm: it recycles
 * the float arrays of gradients once they are consumed ({@link GradientStorage}), and, unless the
 * graph is retained, frees each node's saved tensors after its backward so that the next forward
 * pass can reuse activations no node needs any more ({@link ActivationReuse}). Nothing here changes a
 * number; with the recycling switched off ({@code GradientStorage.disabledForTests}) every result is
 * the same.
 */
final class BackwardMemory implements AutoCloseable {
    private final GradientStorage storage = GradientStorage.open();
    private final ActivationReuse reuse;

    private BackwardMemory(ActivationReuse reuse) {
        this.reuse = reuse;
    }

    /** For a pass over {@code order}; with {@code retainGraph} the saved tensors stay for another pass. */
    static BackwardMemory open(List<Node> order, boolean retainGraph) {
        return new BackwardMemory(retainGraph ? null : ActivationReuse.plan(order));
    }

    /** A gradient a node returned for an input that wants it: from now on the engine owns its storage. */
    void passed(Tensor grad) {
        storage.hold(grad);
    }

    /** A gradient copied into a leaf's {@code .grad}: its storage can be reused. */
    void copiedIntoLeaf(Tensor grad) {
        storage.release(grad);
    }

    /** Two gradients for one node were summed into a fresh tensor: both can be reused. */
    void summed(Tensor a, Tensor b) {
        storage.release(a);
        storage.release(b);
    }

    /**
     * After {@code node}'s backward: gradients it computed for inputs that do not want them are dropped,
     * the gradient it consumed is reused, and its saved tensors are freed.
     */
    void backwardDone(Node node, Tensor gradOut, Tensor[] grads) {
        Tensor[] inputs = node.inputs();
        for (int i = 0; i < inputs.length; i++) {
            if (grads[i] != null && !inputs[i].requiresGrad()) {
                storage.discard(grads[i]);
            }
        }
        storage.release(gradOut);
        freeSaved(node);
    }

    /** A node that no gradient reached: only its saved tensors to free. */
    void skipped(Node node) {
        freeSaved(node);
    }

    private void freeSaved(Node node) {
        if (reuse == null) {
            return;
        }
        Tensor[] inputs = node.inputs();
        Tensor[] saved = node.savedTensors();
        node.release();
        reuse.released(inputs, saved);
    }

    @Override
    public void close() {
        storage.close();
    }
}
