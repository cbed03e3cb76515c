package dev.myelin.data;

import java.util.Objects;

/**
 * One C × H × W image of floats, row-major, at {@code offset} in a larger array (typically a sample's
 * slot in a batch tensor's storage). Transforms read and write it in place.
 *
 * @param data the array holding the image
 * @param offset where element {@code (0, 0, 0)} sits in {@code data}
 * @param channels C
 * @param height H
 * @param width W
 */
public record ImageView(float[] data, int offset, int channels, int height, int width) {
    /** Checks that the dimensions are positive and the image lies inside {@code data}. */
    public ImageView {
        Objects.requireNonNull(data, "data");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image dimensions must be positive, got channels=" + channels
                    + ", height=" + height + ", width=" + width);
        }
        Objects.checkFromIndexSize(offset, channels * height * width, data.length);
    }

    /** The position of element {@code (c, y, x)} in {@link #data()}. */
    public int index(int c, int y, int x) {
        return offset + (c * height + y) * width + x;
    }

    /** The number of elements, C × H × W. */
    public int size() {
        return channels * height * width;
    }
}
