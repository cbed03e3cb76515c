package dev.myelin.onnx;

import java.util.Map;

/**
 * An ONNX {@code ModelProto}: IR version {@value #IR_VERSION}, the default operator set
 * ({@code ai.onnx}, domain {@code ""}) at version {@value #OPSET}, the producer, the graph and
 * string metadata.
 *
 * @param producerVersion Myelin's version
 * @param graph           the computation
 * @param metadata        {@code metadata_props}, in order
 */
record ModelProto(String producerVersion, GraphProto graph, Map<String, String> metadata) {
    /** IR version 8 came with ONNX 1.10 and is read by every ONNX Runtime since 1.10. */
    static final int IR_VERSION = 8;
    /** Opset 17 (ONNX 1.12): every operator the exporter uses has had its current form since opset 13 or earlier. */
    static final int OPSET = 17;
    static final String PRODUCER = "Myelin";

    /**
     * Fields of onnx.proto: ir_version = 1, producer_name = 2, producer_version = 3, graph = 7,
     * opset_import = 8 (domain = 1, version = 2), metadata_props = 14 (key = 1, value = 2).
     */
    byte[] toByteArray() {
        ProtoWriter w = new ProtoWriter().int64(1, IR_VERSION).string(2, PRODUCER).string(3, producerVersion)
                .message(7, graph.encode()).message(8, new ProtoWriter().string(1, "").int64(2, OPSET));
        metadata.forEach((k, v) -> w.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return w.toByteArray();
    }
}
