package dev.myelin.fashion.explore;

import dev.myelin.fashion.data.ImageSet;

/**
 * The rows of a data matrix, read a block at a time, so that a large set of images need not sit in
 * memory as floats all at once.
 */
public interface Rows {
    /** The number of rows. */
    int count();

    /** The number of values in a row. */
    int width();

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), row after row. */
    float[] block(int from, int to);

    /** The first {@code count} images of {@code images}, one row each, pixels scaled to [0, 1]. */
    static Rows of(ImageSet images, int count) {
        if (count < 0 || count > images.size()) {
            throw new IllegalArgumentException(count + " rows of " + images.size() + " images");
        }
        return new Rows() {
            @Override
            public int count() {
                return count;
            }

            @Override
            public int width() {
                return images.imageSize();
            }

            @Override
            public float[] block(int from, int to) {
                int size = images.imageSize();
                byte[] pixels = images.pixels();
                float[] block = new float[(to - from) * size];
                for (int i = 0; i < block.length; i++) {
                    block[i] = (pixels[from * size + i] & 0xFF) / 255f;
                }
                return block;
            }
        };
    }

    /** The rows of a matrix given as an array of rows of equal length. */
    static Rows of(float[][] matrix) {
        int width = matrix.length == 0 ? 0 : matrix[0].length;
        return new Rows() {
            @Override
            public int count() {
                return matrix.length;
            }

            @Override
            public int width() {
                return width;
            }

            @Override
            public float[] block(int from, int to) {
                float[] block = new float[(to - from) * width];
                for (int i = from; i < to; i++) {
                    System.arraycopy(matrix[i], 0, block, (i - from) * width, width);
                }
                return block;
            }
        };
    }
}
