package dev.myelin.onnx;

import java.util.List;

/**
 * An ONNX {@code NodeProto}: one operator of the default domain ({@code ai.onnx}) applied to named
 * values. An empty input name stands for an optional input left out.
 *
 * @param name       a name for the node, for people reading the graph
 * @param opType     the operator, such as {@code Conv}
 * @param inputs     the names of its inputs, in the operator's order
 * @param outputs    the names of its outputs
 * @param attributes its settings
 */
record NodeProto(String name, String opType, List<String> inputs, List<String> outputs,
        List<AttributeProto> attributes) {

    /** Fields of onnx.proto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5. */
    ProtoWriter encode() {
        ProtoWriter w = new ProtoWriter();
        inputs.forEach(i -> w.string(1, i));
        outputs.forEach(o -> w.string(2, o));
        w.string(3, name).string(4, opType);
        attributes.forEach(a -> w.message(5, a.encode()));
        return w;
    }
}
