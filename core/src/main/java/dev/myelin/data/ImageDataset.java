package dev.myelin.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Images kept compactly as unsigned bytes, with one label each, converted to floats in [0, 1] only
 * when a sample is read (as torchvision's {@code ToTensor}: {@code byte / 255}). Sixty thousand 28×28
 * Fashion-MNIST images take 47 MB this way instead of 188 MB as floats.
 *
 * <p>The pixel and label arrays are shared, not copied: the caller must not change them afterwards.
 * {@link #subset(int, int)} and {@link #subset(int[])} return views over the same arrays, for example
 * to hold out the last 5,000 training images for validation:
 *
 * <pre>{@code
 * ImageDataset all = new ImageDataset(pixels, labels, 1, 28, 28);
 * ImageDataset train = all.subset(0, 55_000);
 * ImageDataset validation = all.subset(55_000, 60_000);
 * }</pre>
 */
public final class ImageDataset implements Dataset {
    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    /** For each sample of this view, its position in the shared arrays. */
    private final int[] rows;

    /**
     * A dataset of {@code labels.length} images.
     *
     * @param pixels N × C × H × W unsigned bytes, row-major (image after image, channel after channel)
     * @param labels N non-negative class labels
     * @throws IllegalArgumentException if a dimension is not positive, the lengths do not match, or a
     *     label is negative
     */
    public ImageDataset(byte[] pixels, int[] labels, int channels, int height, int width) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image dimensions must be positive, got channels=" + channels
                    + ", height=" + height + ", width=" + width);
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(labels.length + " labels of " + channels + "×" + height + "×" + width
                    + " images need " + expected + " pixel bytes, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels must be non-negative, label " + i + " is " + labels[i]);
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.rows = identity(labels.length);
    }

    private ImageDataset(ImageDataset base, int[] rows) {
        this.pixels = base.pixels;
        this.labels = base.labels;
        this.channels = base.channels;
        this.height = base.height;
        this.width = base.width;
        this.rows = rows;
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    @Override
    public int size() {
        return rows.length;
    }

    /** The number of channels C (1 for grey-scale). */
    public int channels() {
        return channels;
    }

    /** The image height H in pixels. */
    public int height() {
        return height;
    }

    /** The image width W in pixels. */
    public int width() {
        return width;
    }

    /** {@code {channels(), height(), width()}}. */
    @Override
    public int[] sampleShape() {
        return new int[] {channels, height, width};
    }

    @Override
    public int label(int index) {
        return labels[row(index)];
    }

    /** Writes image {@code index} as C × H × W floats, {@code byte / 255} so 0 → 0.0 and 255 → 1.0. */
    @Override
    public void readInto(int index, float[] destination, int offset) {
        int sampleSize = channels * height * width;
        Objects.checkFromIndexSize(offset, sampleSize, destination.length);
        int from = row(index) * sampleSize;
        for (int k = 0; k < sampleSize; k++) {
            destination[offset + k] = (pixels[from + k] & 0xFF) / 255f;
        }
    }

    /** A view of samples {@code from} (inclusive) to {@code to} (exclusive) of this dataset. */
    public ImageDataset subset(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        return new ImageDataset(this, Arrays.copyOfRange(rows, from, to));
    }

    /** A view of the samples at {@code indices} of this dataset, in that order (repeats allowed). */
    public ImageDataset subset(int[] indices) {
        int[] selected = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            selected[i] = row(indices[i]);
        }
        return new ImageDataset(this, selected);
    }

    private int row(int index) {
        return rows[Objects.checkIndex(index, rows.length)];
    }

    @Override
    public String toString() {
        return "ImageDataset(" + size() + " images of " + channels + "×" + height + "×" + width + ")";
    }
}
