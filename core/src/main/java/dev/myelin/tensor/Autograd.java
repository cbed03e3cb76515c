package dev.myelin.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse-mode engine, the textbook algorithm: order the graph behind a tensor topologically, then
 * run every node's backward once, from the output towards the leaves, summing the gradients that reach
 * a tensor along several paths (the multivariate chain rule). What the pass does with memory, recycling
 * consumed gradients and freeing saved activations, is {@link BackwardMemory}'s business.
 */
final class Autograd {
    private Autograd() {
    }

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

    /**
     * Attaches {@code node} as the producer of {@code result} when gradients are being recorded and at
     * least one input requires them; otherwise the node is dropped and {@code result} stays a constant.
     */
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

    /**
     * The backward pass behind {@link Tensor#backward()}: adds {@code Σ seed · d(root)/d(leaf)} into the
     * {@code .grad} of every leaf that requires grad and that {@code root} depends on. {@code seed} is
     * {@code dL/d(root)} for the loss {@code L}, of {@code root}'s shape (a 1 for a scalar loss). Without
     * {@code retainGraph} every node of the graph is released on the way.
     */
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
        // 1. Order the graph so that a node comes before the nodes that produced its inputs.
        List<Node> order = topologicalOrder(rootNode);
        // The gradient waiting at each node: d(root)/d(node's output), summed over every path so far.
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        pending.put(rootNode, seed);
        try (BackwardMemory memory = BackwardMemory.open(order, retainGraph); var noGrad = Grad.disabled()) {
            for (Node node : order) {
                Tensor gradOut = pending.remove(node);
                if (gradOut == null) { // no path from the root reaches this node
                    memory.skipped(node);
                    continue;
                }
                // 2. The node's own chain rule: d(root)/d(input) for each of its inputs.
                Tensor[] grads = node.backward(gradOut);
                Tensor[] inputs = node.inputs();
                for (int i = 0; i < inputs.length; i++) {
                    if (grads[i] != null && inputs[i].requiresGrad()) {
                        // 3. Accumulate: into a leaf's .grad, or into the pending gradient of its producer.
                        accumulate(node, inputs[i], grads[i], pending, memory);
                    }
                }
                memory.backwardDone(node, gradOut, grads);
            }
        }
    }

    /** Adds {@code grad} to what {@code input} has received: its {@code .grad} if a leaf, else its producer's pending sum. */
    private static void accumulate(Node node, Tensor input, Tensor grad, Map<Node, Tensor> pending, BackwardMemory memory) {
        if (!grad.shape().equals(input.shape())) {
            throw new IllegalStateException("internal error: " + node.name() + " returned a gradient of shape "
                    + grad.shape() + " for an input of shape " + input.shape());
        }
        memory.passed(grad);
        Node producer = input.gradFn();
        if (producer == null) {
            input.accumulateGrad(grad); // copies, so the gradient's storage stays the engine's
            memory.copiedIntoLeaf(grad);
        } else {
            pending.merge(producer, grad, (a, b) -> {
                Tensor sum = a.addInPlaceFresh(b);
                memory.summed(a, b);
                return sum;
            });
        }
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
