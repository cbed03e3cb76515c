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
     * @param pixels N × C × H × W unsigned bytes (0 black to 255 white), row-major (image after image,
     *     channel after channel); shared, not copied
     * @param labels N non-negative class labels; shared, not copied
     * @param channels C, the number of channels per image (1 for grey-scale), at least 1
     * @param height H, the image height in pixels, at least 1
     * @param width W, the image width in pixels, at least 1
     * @throws NullPointerException if {@code pixels} or {@code labels} is null
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

    /**
     * The number of images in this dataset or view.
     *
     * @return N, the number of labels given, or of indices selected by {@code subset}
     */
    @Override
    public int size() {
        return rows.length;
    }

    /**
     * The number of channels of each image.
     *
     * @return C, at least 1 (1 for grey-scale)
     */
    public int channels() {
        return channels;
    }

    /**
     * The height of each image.
     *
     * @return H in pixels, at least 1
     */
    public int height() {
        return height;
    }

    /**
     * The width of each image.
     *
     * @return W in pixels, at least 1
     */
    public int width() {
        return width;
    }

    /**
     * The shape of one image.
     *
     * @return a fresh array {@code {channels(), height(), width()}}
     */
    @Override
    public int[] sampleShape() {
        return new int[] {channels, height, width};
    }

    /**
     * The label of one image.
     *
     * @param index the image in this view, in {@code [0, size())}
     * @return its label, non-negative
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
     */
    @Override
    public int label(int index) {
        return labels[row(index)];
    }

    /**
     * Writes one image as C × H × W floats in [0, 1], {@code byte / 255}, so 0 → 0.0 and 255 → 1.0.
     *
     * @param index the image in this view, in {@code [0, size())}
     * @param destination the array to write into
     * @param offset where the first of the C × H × W floats goes
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())} or the image does
     *     not fit in {@code destination} from {@code offset}
     */
    @Override
    public void readInto(int index, float[] destination, int offset) {
        int sampleSize = channels * height * width;
        Objects.checkFromIndexSize(offset, sampleSize, destination.length);
        int from = row(index) * sampleSize;
        for (int k = 0; k < sampleSize; k++) {
            destination[offset + k] = (pixels[from + k] & 0xFF) / 255f;
        }
    }

    /**
     * A view of a contiguous range of this dataset's samples, sharing its arrays.
     *
     * @param from the first sample taken, inclusive, in {@code [0, size()]}
     * @param to the end of the range, exclusive, in {@code [from, size()]}
     * @return a dataset of {@code to - from} images whose sample 0 is this one's sample {@code from}
     * @throws IndexOutOfBoundsException if the range does not lie in {@code [0, size()]}
     */
    public ImageDataset subset(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        return new ImageDataset(this, Arrays.copyOfRange(rows, from, to));
    }

    /**
     * A view of chosen samples of this dataset, sharing its arrays.
     *
     * @param indices indices into this dataset, each in {@code [0, size())}, in the order the view
     *     lists them; repeats allowed; copied
     * @return a dataset of {@code indices.length} images whose sample {@code i} is this one's sample
     *     {@code indices[i]}
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, size())}
     */
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
