package dev.myelin.fashion.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Labelled grayscale images as the dataset stores them: unsigned byte pixels, row-major, image after
 * image, and one label per image. The arrays are shared, not copied: treat them as read-only.
 */
public final class ImageSet {
    private final byte[] pixels;
    private final int[] labels;
    private final int rows;
    private final int cols;

    public ImageSet(byte[] pixels, int[] labels, int rows, int cols) {
        this.pixels = Objects.requireNonNull(pixels);
        this.labels = Objects.requireNonNull(labels);
        this.rows = rows;
        this.cols = cols;
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + pixels.length
                    + " pixels of " + rows + "x" + cols + " images");
        }
    }

    /** The number of images. */
    public int size() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Pixels per image. */
    public int imageSize() {
        return rows * cols;
    }

    /** All pixels, 0 (background) to 255, image after image. */
    public byte[] pixels() {
        return pixels;
    }

    /** All labels. */
    public int[] labels() {
        return labels;
    }

    public int label(int index) {
        return labels[index];
    }

    /** Image {@code index} scaled to [0, 1]. */
    public float[] image(int index) {
        Objects.checkIndex(index, size());
        float[] image = new float[imageSize()];
        int offset = index * imageSize();
        for (int i = 0; i < image.length; i++) {
            image[i] = (pixels[offset + i] & 0xFF) / 255f;
        }
        return image;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), each scaled to [0, 1]. */
    public float[][] images(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        float[][] batch = new float[to - from][];
        for (int i = from; i < to; i++) {
            batch[i - from] = image(i);
        }
        return batch;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public ImageSet slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        return new ImageSet(Arrays.copyOfRange(pixels, from * imageSize(), to * imageSize()),
                Arrays.copyOfRange(labels, from, to), rows, cols);
    }

    /** The first {@code n} images (all of them when there are fewer). */
    public ImageSet first(int n) {
        if (n >= size()) {
            return this;
        }
        return new ImageSet(Arrays.copyOf(pixels, n * imageSize()), Arrays.copyOf(labels, n), rows, cols);
    }

    /**
     * The images whose label is one of {@code classes}, in their order here, each label replaced by its
     * position in {@code classes}: {@code onlyClasses(List.of(0, 2, 4))} labels the T-shirts 0, the
     * pullovers 1 and the coats 2, as a network with three outputs expects.
     */
    public ImageSet onlyClasses(List<Integer> classes) {
        return select(classes, true);
    }

    /** The images whose label is one of {@code classes}, in their order here, labels unchanged. */
    public ImageSet withLabelsIn(List<Integer> classes) {
        return select(classes, false);
    }

    private ImageSet select(List<Integer> classes, boolean relabel) {
        int[] position = new int[Arrays.stream(labels).max().orElse(-1) + 1];
        Arrays.fill(position, -1);
        for (int i = 0; i < classes.size(); i++) {
            int c = classes.get(i);
            if (c >= 0 && c < position.length) {
                position[c] = i;
            }
        }
        int kept = 0;
        for (int label : labels) {
            kept += position[label] >= 0 ? 1 : 0;
        }
        byte[] keptPixels = new byte[kept * imageSize()];
        int[] keptLabels = new int[kept];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (position[labels[i]] >= 0) {
                System.arraycopy(pixels, i * imageSize(), keptPixels, k * imageSize(), imageSize());
                keptLabels[k++] = relabel ? position[labels[i]] : labels[i];
            }
        }
        return new ImageSet(keptPixels, keptLabels, rows, cols);
    }
}
