package dev.myelin.fashion.explore;

import dev.myelin.fashion.data.ImageSet;

/**
 * The mean image and the per-pixel standard deviation of every class, pixels scaled to [0, 1]. The
 * deviation is the population one (divided by the class's image count); a class without images has
 * zeros for both.
 */
public final class ClassStatistics {
    private final int[] counts;
    private final float[][] means;
    private final float[][] deviations;

    private ClassStatistics(int[] counts, float[][] means, float[][] deviations) {
        this.counts = counts;
        this.means = means;
        this.deviations = deviations;
    }

    /** The statistics of each of {@code classes} classes among {@code images}. */
    public static ClassStatistics of(ImageSet images, int classes) {
        int pixels = images.imageSize();
        // Pixels are bytes, so integer sums are exact and one pass suffices without cancellation.
        long[][] sums = new long[classes][pixels];
        long[][] squares = new long[classes][pixels];
        int[] counts = new int[classes];
        byte[] data = images.pixels();
        for (int i = 0; i < images.size(); i++) {
            int label = images.label(i);
            counts[label]++;
            long[] sum = sums[label];
            long[] square = squares[label];
            int offset = i * pixels;
            for (int p = 0; p < pixels; p++) {
                int v = data[offset + p] & 0xFF;
                sum[p] += v;
                square[p] += v * v;
            }
        }
        float[][] means = new float[classes][pixels];
        float[][] deviations = new float[classes][pixels];
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) {
                continue;
            }
            for (int p = 0; p < pixels; p++) {
                double mean = (double) sums[c][p] / counts[c];
                double variance = Math.max(0, (double) squares[c][p] / counts[c] - mean * mean);
                means[c][p] = (float) (mean / 255);
                deviations[c][p] = (float) (Math.sqrt(variance) / 255);
            }
        }
        return new ClassStatistics(counts, means, deviations);
    }

    public int classes() {
        return counts.length;
    }

    /** How many images of class {@code c} there were. */
    public int count(int c) {
        return counts[c];
    }

    /** The mean image of class {@code c}, values in [0, 1]. */
    public float[] mean(int c) {
        return means[c].clone();
    }

    /** The standard deviation of every pixel of class {@code c}, values in [0, 0.5]. */
    public float[] deviation(int c) {
        return deviations[c].clone();
    }

    /** All mean images, indexed by class. */
    public float[][] means() {
        return copy(means);
    }

    /** The largest deviation of any pixel of any class: the top of a shared colour scale. */
    public float maxDeviation() {
        float max = 0;
        for (float[] deviation : deviations) {
            for (float d : deviation) {
                max = Math.max(max, d);
            }
        }
        return max;
    }

    /** The average over the pixels of class {@code c}'s mean image: how bright the class is. */
    public double meanIntensity(int c) {
        return average(means[c]);
    }

    /** The average over the pixels of class {@code c}'s deviations: how much its images vary. */
    public double meanDeviation(int c) {
        return average(deviations[c]);
    }

    private static double average(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static float[][] copy(float[][] rows) {
        float[][] copy = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
