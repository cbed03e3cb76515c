package dev.myelin.onnx;

/**
 * An ONNX {@code AttributeProto}: a named setting of a node (kernel size, axis, epsilon...). Only the
 * three kinds the exporter needs: one float, one integer, a list of integers.
 *
 * @param name   the attribute's name in the operator's specification
 * @param type   {@code AttributeProto.AttributeType}: FLOAT = 1, INT = 2, INTS = 7
 * @param f      the value of a FLOAT attribute
 * @param ints   the value of an INT attribute (one element) or an INTS attribute
 */
record AttributeProto(String name, int type, float f, long[] ints) {
    private static final int FLOAT = 1;
    private static final int INT = 2;
    private static final int INTS = 7;

    static AttributeProto ofFloat(String name, float value) {
        return new AttributeProto(name, FLOAT, value, null);
    }

    static AttributeProto ofInt(String name, long value) {
        return new AttributeProto(name, INT, 0, new long[] {value});
    }

    static AttributeProto ofInts(String name, long... values) {
        return new AttributeProto(name, INTS, 0, values);
    }

    /** Fields of onnx.proto: name = 1, f = 2, i = 3, ints = 8, type = 20. */
    ProtoWriter encode() {
        ProtoWriter w = new ProtoWriter().string(1, name);
        switch (type) {
            case FLOAT -> w.float32(2, f);
            case INT -> w.int64(3, ints[0]);
            default -> w.packedInt64s(8, ints);
        }
        return w.int64(20, type);
    }
}
