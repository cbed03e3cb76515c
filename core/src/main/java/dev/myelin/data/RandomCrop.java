package dev.myelin.data;

import dev.myelin.tensor.Generator;
import java.util.Arrays;

/**
 * Pads the image with {@code padding} zeros on every side, then cuts a {@code size × size} window at
 * a uniformly random position, like torchvision's {@code RandomCrop(size, padding)} with its default
 * constant fill of 0. The net effect is a random shift by up to {@code padding} pixels each way, the
 * uncovered border filled with zeros (zero of whatever scale the values have at that point: put the
 * crop before {@link Normalize} to pad with black).
 *
 * <p>Transforms keep the image's shape, so {@code size} must equal the image's height and width: an
 * image of shape {@code (C, size, size)} stays {@code (C, size, size)}, every channel shifted alike.
 * There are no defaults; {@code RandomCrop(28, 2)} suits 28×28 Fashion-MNIST. The shift depends only on
 * the generator passed to {@link #apply}, so a loader's seed fixes it.
 */
public final class RandomCrop implements Transform {
    private final int size;
    private final int padding;

    /**
     * A random crop of a {@code size × size} image padded by {@code padding}.
     *
     * @param size the side of the crop, equal to the image's height and width
     * @param padding zeros added on each side before cropping, non-negative: the largest shift in
     *     pixels; 0 leaves every image unchanged
     * @throws IllegalArgumentException if {@code size} is less than 1 or {@code padding} negative
     */
    public RandomCrop(int size, int padding) {
        if (size < 1 || padding < 0) {
            throw new IllegalArgumentException("RandomCrop needs size >= 1 and padding >= 0, got size=" + size
                    + ", padding=" + padding);
        }
        this.size = size;
        this.padding = padding;
    }

    /**
     * Draws the window's top row, then its left column, each uniform in {@code [0, 2 * padding]} of
     * the padded image, as torchvision does, and shifts the image by {@code (top - padding,
     * left - padding)}.
     *
     * @throws IllegalArgumentException if the image is not {@code size × size}
     */
    @Override
    public void apply(ImageView image, Generator random) {
        if (image.height() != size || image.width() != size) {
            throw new IllegalArgumentException("RandomCrop(size=" + size + ") cannot crop a " + image.height() + "×"
                    + image.width() + " image in place: transforms keep the image's shape, so size must equal "
                    + "its height and width");
        }
        int top = random.nextInt(2 * padding + 1);
        int left = random.nextInt(2 * padding + 1);
        for (int c = 0; c < image.channels(); c++) {
            shift(image.data(), image.index(c, 0, 0), size, size, top - padding, left - padding);
        }
    }

    /**
     * Sets {@code out(y, x) = in(y + dy, x + dx)} in one h × w plane, with zero where the source lies
     * outside. Rows are visited in the order that reads every source row before it is overwritten.
     */
    static void shift(float[] a, int plane, int h, int w, int dy, int dx) {
        int xFrom = Math.max(0, -dx);
        int xTo = Math.min(w, w - dx);
        for (int step = 0; step < h; step++) {
            int y = dy >= 0 ? step : h - 1 - step;
            int row = plane + y * w;
            int sourceY = y + dy;
            if (sourceY < 0 || sourceY >= h || xFrom >= xTo) {
                Arrays.fill(a, row, row + w, 0f);
                continue;
            }
            System.arraycopy(a, plane + sourceY * w + xFrom + dx, a, row + xFrom, xTo - xFrom);
            Arrays.fill(a, row, row + xFrom, 0f);
            Arrays.fill(a, row + xTo, row + w, 0f);
        }
    }

    @Override
    public String toString() {
        return "RandomCrop(size=" + size + ", padding=" + padding + ")";
    }
}
