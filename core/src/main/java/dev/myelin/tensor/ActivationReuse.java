package dev.myelin.tensor;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which activation arrays a backward pass may hand back to {@link GradientStorage} as it releases
 * the graph: those of tensors marked {@link Tensor#reuseStorageAfterBackward()}, once every node
 * that reads them has been released. An array that any unmarked tensor in the graph also uses (a
 * view the caller kept, the network's output) is never reused.
 */
final class ActivationReuse {
    /** Per reusable array, how many tensor slots of unreleased nodes still read it. */
    private final Map<float[], Integer> readers = new IdentityHashMap<>();

    private ActivationReuse() {
    }

    /** Counts the readers of every marked array in the graph ({@code order}: every node, before any is released). */
    static ActivationReuse plan(List<Node> order) {
        ActivationReuse reuse = new ActivationReuse();
        Map<float[], Boolean> shared = new IdentityHashMap<>();
        for (Node node : order) {
            for (Tensor[] tensors : new Tensor[][] {node.inputs(), node.savedTensors()}) {
                for (Tensor t : tensors) {
                    if (t == null) {
                        continue;
                    }
                    reuse.readers.merge(t.data, 1, Integer::sum);
                    if (!t.storageReusable()) {
                        shared.put(t.data, Boolean.TRUE);
                    }
                }
            }
        }
        reuse.readers.keySet().removeAll(shared.keySet());
        return reuse;
    }

    /** The tensors a node read have lost that reader; arrays nobody reads any more go back for reuse. */
    void released(Tensor[] inputs, Tensor[] saved) {
        for (Tensor[] tensors : new Tensor[][] {inputs, saved}) {
            if (tensors == null) {
                continue;
            }
            for (Tensor t : tensors) {
                if (t == null) {
                    continue;
                }
                Integer count = readers.get(t.data);
                if (count == null) {
                    continue;
                }
                if (count <= 1) {
                    readers.remove(t.data);
                    GradientStorage.reuse(t.data);
                } else {
                    readers.put(t.data, count - 1);
                }
            }
        }
    }
}
