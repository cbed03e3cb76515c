package dev.myelin.fashion.classic.forest;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;

/**
 * The training images turned on their side: all values of pixel 0, then all of pixel 1, and so on.
 * A node's split search reads one pixel of many images, so this layout keeps those reads within one
 * column of {@link #size()} bytes instead of one cache line per image. Read-only once built, and shared
 * by the threads that grow the trees.
 */
final class FeatureColumns {
    private static final int BLOCK = 64;

    private final byte[] values;
    private final byte[] labels;
    private final int size;
    private final int features;

    private FeatureColumns(byte[] values, byte[] labels, int size, int features) {
        this.values = values;
        this.labels = labels;
        this.size = size;
        this.features = features;
    }

    /** The columns of {@code images}, whose labels must be class indices. */
    static FeatureColumns of(ImageSet images) {
        int n = images.size();
        int d = images.imageSize();
        byte[] rows = images.pixels();
        byte[] columns = new byte[n * d];
        // In square blocks, so that neither the reads nor the writes stride through the whole array.
        for (int s0 = 0; s0 < n; s0 += BLOCK) {
            int s1 = Math.min(n, s0 + BLOCK);
            for (int f0 = 0; f0 < d; f0 += BLOCK) {
                int f1 = Math.min(d, f0 + BLOCK);
                for (int s = s0; s < s1; s++) {
                    for (int f = f0; f < f1; f++) {
                        columns[f * n + s] = rows[s * d + f];
                    }
                }
            }
        }
        byte[] labels = new byte[n];
        for (int s = 0; s < n; s++) {
            int label = images.label(s);
            if (label < 0 || label >= FashionMnist.CLASSES) {
                throw new IllegalArgumentException("image " + s + " has label " + label + ", not a class index");
            }
            labels[s] = (byte) label;
        }
        return new FeatureColumns(columns, labels, n, d);
    }

    /** The number of images. */
    int size() {
        return size;
    }

    /** Pixels per image. */
    int features() {
        return features;
    }

    /** Pixel {@code feature} of image {@code sample}, 0 to 255. */
    int value(int feature, int sample) {
        return values[feature * size + sample] & 0xFF;
    }

    /** All columns, pixel after pixel; column {@code f} starts at {@code f * size()}. */
    byte[] values() {
        return values;
    }

    int label(int sample) {
        return labels[sample];
    }

    byte[] labels() {
        return labels;
    }
}
