package dev.myelin.onnx;

/**
 * An ONNX {@code ValueInfoProto}: the name, element type (always float here) and shape of a graph
 * value. Dimension 0 is the batch, written as the symbol {@value #BATCH} so that any batch size runs.
 *
 * @param name the value's name
 * @param dims its dimensions; the first (the batch of the sample shape) is written as {@value #BATCH}
 */
record ValueInfoProto(String name, int[] dims) {
    /** The name of the dynamic batch dimension. */
    static final String BATCH = "batch";

    /**
     * ValueInfoProto: name = 1, type = 2. TypeProto: tensor_type = 1. TypeProto.Tensor: elem_type = 1,
     * shape = 2. TensorShapeProto: dim = 1. Dimension: dim_value = 1, dim_param = 2.
     */
    ProtoWriter encode() {
        ProtoWriter shape = new ProtoWriter();
        for (int i = 0; i < dims.length; i++) {
            shape.message(1, i == 0 ? new ProtoWriter().string(2, BATCH) : new ProtoWriter().int64(1, dims[i]));
        }
        ProtoWriter tensorType = new ProtoWriter().int64(1, TensorProto.FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
