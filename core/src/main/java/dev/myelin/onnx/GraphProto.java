package dev.myelin.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX {@code GraphProto} being built: nodes in topological order (the order they are added),
 * the weights as initializers, the graph's inputs and outputs, and the shapes of the values between.
 */
final class GraphProto {
    private final String name;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final List<ValueInfoProto> valueInfo = new ArrayList<>();

    GraphProto(String name) {
        this.name = name;
    }

    void node(NodeProto node) {
        nodes.add(node);
    }

    void initializer(TensorProto tensor) {
        initializers.add(tensor);
    }

    void input(ValueInfoProto value) {
        inputs.add(value);
    }

    void output(ValueInfoProto value) {
        outputs.add(value);
    }

    /** The shape of a value computed inside the graph. */
    void valueInfo(ValueInfoProto value) {
        valueInfo.add(value);
    }

    /** Fields of onnx.proto: node = 1, name = 2, initializer = 5, input = 11, output = 12, value_info = 13. */
    ProtoWriter encode() {
        ProtoWriter w = new ProtoWriter();
        nodes.forEach(n -> w.message(1, n.encode()));
        w.string(2, name);
        initializers.forEach(t -> w.message(5, t.encode()));
        inputs.forEach(v -> w.message(11, v.encode()));
        outputs.forEach(v -> w.message(12, v.encode()));
        valueInfo.forEach(v -> w.message(13, v.encode()));
        return w;
    }
}
