package dev.myelin.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An ONNX {@code TensorProto}: a named constant (a weight, or a shape given to Reshape) with its
 * dimensions, stored in {@code raw_data} as little-endian bytes, which the format prescribes.
 *
 * @param name     the graph value it defines
 * @param dims     its dimensions
 * @param dataType {@link #FLOAT} or {@link #INT64}
 * @param raw      the values, little-endian
 */
record TensorProto(String name, long[] dims, int dataType, byte[] raw) {
    /** {@code TensorProto.DataType.FLOAT}. */
    static final int FLOAT = 1;
    /** {@code TensorProto.DataType.INT64}. */
    static final int INT64 = 7;

    /** A float tensor of the given dimensions; {@code values} has their product of elements. */
    static TensorProto floats(String name, int[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        long[] d = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = dims[i];
        }
        return new TensorProto(name, d, FLOAT, b.array());
    }

    /** A 1-D int64 tensor, such as the target shape of a Reshape or the axes of an Unsqueeze. */
    static TensorProto int64s(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new TensorProto(name, new long[] {values.length}, INT64, b.array());
    }

    /** Fields of onnx.proto: dims = 1, data_type = 2, name = 8, raw_data = 9. */
    ProtoWriter encode() {
        return new ProtoWriter().packedInt64s(1, dims).int64(2, dataType).string(8, name).bytes(9, raw);
    }
}
