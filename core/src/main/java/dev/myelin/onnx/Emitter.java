package dev.myelin.onnx;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds nodes, weights and constants to a {@link GraphProto} under unique names, and records the shape
 * of every value it creates, so that the file describes each intermediate tensor.
 */
final class Emitter {
    private final GraphProto graph;
    private final Set<String> names = new HashSet<>();
    private final Map<Float, String> scalars = new HashMap<>();

    /** An emitter that never gives out the {@code reserved} names (the graph's input and output). */
    Emitter(GraphProto graph, String... reserved) {
        this.graph = graph;
        names.addAll(List.of(reserved));
    }

    /**
     * Adds the node {@code opType(inputs)} whose one output has shape {@code dims}; the node and its
     * output are named after the module ({@code features.0/Conv}). Returns the output.
     */
    Value op(String path, String opType, int[] dims, List<String> inputs, AttributeProto... attributes) {
        String name = fresh((path.isEmpty() ? "" : path + "/") + opType);
        graph.node(new NodeProto(name, opType, inputs, List.of(name), List.of(attributes)));
        graph.valueInfo(new ValueInfoProto(name, dims));
        return new Value(name, dims);
    }

    /** An element-wise op: the output has the shape of {@code x}. */
    Value pointwise(String path, String opType, Value x, String... otherInputs) {
        String[] inputs = new String[otherInputs.length + 1];
        inputs[0] = x.name();
        System.arraycopy(otherInputs, 0, inputs, 1, otherInputs.length);
        return op(path, opType, x.dims(), List.of(inputs));
    }

    /** A weight, stored as an initializer under its state-dict name. */
    String weight(String name, Tensor t) {
        return weight(name, t.dims(), t.toArray());
    }

    /** A float initializer of the given shape. */
    String weight(String name, int[] dims, float[] values) {
        String unique = fresh(name);
        graph.initializer(TensorProto.floats(unique, dims, values));
        return unique;
    }

    /** A float scalar constant, shared by every node that uses the same value. */
    String scalar(float value) {
        return scalars.computeIfAbsent(value, v -> weight("const_" + v, new int[0], new float[] {v}));
    }

    /** A 1-D int64 constant, such as a target shape or a list of axes. */
    String int64s(String name, long... values) {
        String unique = fresh(name);
        graph.initializer(TensorProto.int64s(unique, values));
        return unique;
    }

    /** Adds {@code Identity(x)} as the graph output {@code name}, and {@code x}'s shape with it. */
    void output(Value x, String name) {
        graph.node(new NodeProto(name, "Identity", List.of(x.name()), List.of(name), List.of()));
        graph.output(new ValueInfoProto(name, x.dims()));
    }

    /** The graph input {@code name} of shape {@code dims}. */
    Value input(String name, int[] dims) {
        graph.input(new ValueInfoProto(name, dims));
        return new Value(name, dims.clone());
    }

    /** {@code hint}, or {@code hint_2}, {@code hint_3}... if taken. */
    private String fresh(String hint) {
        String name = hint;
        for (int i = 2; !names.add(name); i++) {
            name = hint + "_" + i;
        }
        return name;
    }

    static long[] longs(int... values) {
        return Arrays.stream(values).asLongStream().toArray();
    }
}
