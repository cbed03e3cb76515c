package dev.myelin.data;

import java.util.Objects;

/**
 * One C × H × W image of floats, row-major, at {@code offset} in a larger array (typically a sample's
 * slot in a batch tensor's storage). Transforms read and write it in place.
 *
 * @param data the array holding the image (and usually others beside it); not copied
 * @param offset where element {@code (0, 0, 0)} sits in {@code data}
 * @param channels C, the number of channels (1 for grey-scale), at least 1
 * @param height H, the number of rows, at least 1
 * @param width W, the number of columns, at least 1
 */
public record ImageView(float[] data, int offset, int channels, int height, int width) {
    /**
     * Checks that the dimensions are positive and the image lies inside {@code data}.
     *
     * @throws NullPointerException if {@code data} is null
     * @throws IllegalArgumentException if a dimension is less than 1
     * @throws IndexOutOfBoundsException if {@code data[offset .. offset + C*H*W)} is not inside the array
     */
    public ImageView {
        Objects.requireNonNull(data, "data");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image dimensions must be positive, got channels=" + channels
                    + ", height=" + height + ", width=" + width);
        }
        Objects.checkFromIndexSize(offset, channels * height * width, data.length);
    }

    /**
     * The position of one element in {@link #data()}; the coordinates are not checked.
     *
     * @param c the channel, in {@code [0, C)}
     * @param y the row, in {@code [0, H)}, 0 at the top
     * @param x the column, in {@code [0, W)}, 0 at the left
     * @return {@code offset + (c * H + y) * W + x}
     */
    public int index(int c, int y, int x) {
        return offset + (c * height + y) * width + x;
    }

    /**
     * The number of elements of the image.
     *
     * @return C × H × W
     */
    public int size() {
        return channels * height * width;
    }
}
