package dev.myelin.kernel;

import java.util.Objects;

/**
 * A row-major operand of a kernel: the array that holds it and the index of its first element. The
 * operand's length follows from the sizes passed beside it ({@link ConvGeometry}).
 *
 * @param data   the backing array, not null
 * @param offset the index of the operand's first element in {@code data}, at least 0
 */
public record Floats(float[] data, int offset) {

    /** Rejects a null array and a negative offset. */
    public Floats {
        Objects.requireNonNull(data, "data");
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset + " into an array of " + data.length);
        }
    }

    /** The whole of {@code data}, from index 0. */
    public static Floats of(float[] data) {
        return new Floats(data, 0);
    }

    /** The element {@code i} places after the operand's start, {@code data[offset + i]}. */
    public float get(int i) {
        return data[offset + i];
    }
}
