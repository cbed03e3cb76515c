package dev.myelin.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes protocol-buffer wire format by hand, enough for ONNX: varints, length-delimited fields
 * (strings, bytes, nested messages, packed repeated integers) and 32-bit floats. A field is a key,
 * {@code (number << 3) | wireType}, followed by its value; fields left at their default are simply
 * not written, as proto3 does.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private byte[] buffer = new byte[64];
    private int size;

    /** An integer field (int32, int64 or enum), as a varint; negative numbers take ten bytes, as in protobuf. */
    ProtoWriter int64(int field, long value) {
        key(field, VARINT);
        varint(value);
        return this;
    }

    /** A float field, four bytes little-endian. */
    ProtoWriter float32(int field, float value) {
        key(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            put((byte) (bits >>> (8 * i)));
        }
        return this;
    }

    /** A string field, UTF-8. */
    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytes field. */
    ProtoWriter bytes(int field, byte[] value) {
        key(field, LENGTH_DELIMITED);
        varint(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    /** A nested message field. */
    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** A repeated integer field, packed: one length-delimited run of varints (proto3's default). */
    ProtoWriter packedInt64s(int field, long[] values) {
        ProtoWriter packed = new ProtoWriter();
        for (long v : values) {
            packed.varint(v);
        }
        return bytes(field, packed.toByteArray());
    }

    /** The bytes written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void key(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    /** Seven bits a byte, low first; the high bit says another byte follows. */
    private void varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        put((byte) v);
    }

    private void put(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
