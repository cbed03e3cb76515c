package dev.myelin.fashion.explore;

import dev.myelin.fashion.data.ImageSet;

/**
 * How often each intensity, 0 (background) to 255, occurs among the pixels of a set of images.
 *
 * @param counts the number of pixels of each intensity, {@link #BINS} of them
 */
public record PixelHistogram(long[] counts) {
    /** One bin per possible byte value. */
    public static final int BINS = 256;

    /** The histogram of every pixel of {@code images}. */
    public static PixelHistogram of(ImageSet images) {
        long[] counts = new long[BINS];
        for (byte b : images.pixels()) {
            counts[b & 0xFF]++;
        }
        return new PixelHistogram(counts);
    }

    /** The number of pixels counted. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** The share of pixels with intensity {@code value}. */
    public double fraction(int value) {
        return (double) counts[value] / total();
    }

    /** The share of pixels that are exactly 0, the black background. */
    public double zeroFraction() {
        return fraction(0);
    }

    /** The mean pixel, scaled to [0, 1]. */
    public double mean() {
        double sum = 0;
        for (int v = 0; v < BINS; v++) {
            sum += (double) v * counts[v];
        }
        return sum / total() / 255;
    }
}
