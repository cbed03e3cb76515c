package dev.myelin.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse-mode engine: orders the graph behind a tensor topologically and runs every node's
 * backward once, from the output towards the leaves, summing gradients where a tensor is used twice.
 */
final class Autograd {
    private Autograd() {
    }

    /**
     * Attaches {@code node} as the producer of {@code result} when gradients are being recorded and at
     * least one input requires them; otherwise the node is dropped and {@code result} stays a constant.
     */
    /** Whether {@link #record} would attach a node with these inputs (nulls ignored): ops may skip what only backward needs. */
    static boolean wouldRecord(Tensor... inputs) {
        if (!Grad.isEnabled()) {
            return false;
        }
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    static Tensor record(Tensor result, Node node) {
        if (!Grad.isEnabled()) {
            return result;
        }
        for (Tensor in : node.inputs()) {
            if (in.requiresGrad()) {
                result.attach(node);
                return result;
            }
        }
        return result;
    }

    static void backward(Tensor root, Tensor seed, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor does not require grad and has no grad_fn; "
                    + "call requiresGrad(true) on a leaf it depends on");
        }
        if (!seed.shape().equals(root.shape())) {
            throw new IllegalArgumentException("backward: gradient of shape " + seed.shape()
                    + " does not match the tensor's shape " + root.shape());
        }
        Node rootNode = root.gradFn();
        if (rootNode == null) {
            root.accumulateGrad(seed);
            return;
        }
        List<Node> order = topologicalOrder(rootNode);
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        pending.put(rootNode, seed);
        GradientStorage storage = GradientStorage.open();
        ActivationReuse reuse = retainGraph ? null : ActivationReuse.plan(order);
        try (var noGrad = Grad.disabled()) {
            for (Node node : order) {
                Tensor gradOut = pending.remove(node);
                if (gradOut == null) { // no gradient reached this node from the root
                    release(node, reuse);
                    continue;
                }
                Tensor[] inputs = node.inputs();
                Tensor[] grads = node.backward(gradOut);
                for (int i = 0; i < inputs.length; i++) {
                    Tensor in = inputs[i];
                    Tensor g = grads[i];
                    if (g == null || !in.requiresGrad()) {
                        continue;
                    }
                    if (!g.shape().equals(in.shape())) {
                        throw new IllegalStateException("internal error: " + node.name() + " returned a gradient of shape "
                                + g.shape() + " for an input of shape " + in.shape());
                    }
                    storage.hold(g);
                    Node producer = in.gradFn();
                    if (producer == null) {
                        in.accumulateGrad(g); // copies, so the gradient's storage stays the engine's
                        storage.release(g);
                    } else {
                        pending.merge(producer, g, (a, b) -> {
                            Tensor sum = a.addInPlaceFresh(b);
                            storage.release(a);
                            storage.release(b);
                            return sum;
                        });
                    }
                }
                for (int i = 0; i < inputs.length; i++) {
                    if (grads[i] != null && !inputs[i].requiresGrad()) {
                        storage.discard(grads[i]);
                    }
                }
                storage.release(gradOut); // consumed: recycled unless passed on to another node
                release(node, reuse);
            }
        } finally {
            storage.close();
        }
    }

    /** Frees the node's saved tensors unless the graph is retained ({@code reuse} null). */
    private static void release(Node node, ActivationReuse reuse) {
        if (reuse == null) {
            return;
        }
        Tensor[] inputs = node.inputs();
        Tensor[] saved = node.savedTensors();
        node.release();
        reuse.released(inputs, saved);
    }

    /** Nodes ordered so that every node comes before the nodes that produced its inputs. */
    private static List<Node> topologicalOrder(Node root) {
        List<Node> postOrder = new ArrayList<>();
        Map<Node, Boolean> visited = new IdentityHashMap<>();
        // Iterative depth-first search: deep graphs (long training loops unrolled by hand) must not overflow the stack.
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.put(root, Boolean.TRUE);
        checkLive(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Node node = (Node) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = node.inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Node child = inputs[next].gradFn();
                if (child != null && visited.put(child, Boolean.TRUE) == null) {
                    checkLive(child);
                    stack.push(new Object[] {child, 0});
                }
            } else {
                stack.pop();
                postOrder.add(node);
            }
        }
        List<Node> order = new ArrayList<>(postOrder.size());
        for (int i = postOrder.size() - 1; i >= 0; i--) {
            order.add(postOrder.get(i));
        }
        return order;
    }

    private static void checkLive(Node node) {
        if (node.isReleased()) {
            throw new IllegalStateException("backward: trying to backward through the graph a second time: the "
                    + node.name() + " node's saved tensors were released after the previous backward. "
                    + "Call backward(true) the first time to keep the graph, or recompute the forward pass.");
        }
    }
}
