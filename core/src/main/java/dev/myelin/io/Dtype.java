package dev.myelin.io;

/**
 * The element types named by the safetensors format, with their size in bytes. Myelin tensors are
 * float32: the types it {@link #readable() can read} are the 32- and 16-bit floats, and the 64- and
 * 32-bit integers, which PyTorch uses for counters such as BatchNorm's {@code num_batches_tracked}
 * and which are widened to float when exactly representable. The others are known so that a file
 * using them gets a precise message rather than "unknown dtype".
 */
enum Dtype {
    F32(4, true),
    F16(2, true),
    BF16(2, true),
    F64(8, false),
    F8_E4M3(1, false),
    F8_E5M2(1, false),
    I64(8, true),
    I32(4, true),
    I16(2, false),
    I8(1, false),
    U64(8, false),
    U32(4, false),
    U16(2, false),
    U8(1, false),
    BOOL(1, false);

    private final int bytes;
    private final boolean readable;

    Dtype(int bytes, boolean readable) {
        this.bytes = bytes;
        this.readable = readable;
    }

    /** Bytes per element. */
    int bytes() {
        return bytes;
    }

    /** Whether Myelin decodes this type into float32 tensors (integers only where exact). */
    boolean readable() {
        return readable;
    }

    /** The type with this exact name, or null. */
    static Dtype byName(String name) {
        for (Dtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
