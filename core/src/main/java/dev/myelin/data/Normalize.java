package dev.myelin.data;

import dev.myelin.tensor.Generator;
import java.util.Arrays;

/**
 * Per-channel standardisation {@code x ← (x - mean[c]) / std[c]}, like torchvision's
 * {@code Normalize}; the shape {@code (C, H, W)} is kept. Uses no randomness, so the same image always
 * gives the same result. There are no defaults: pass the training set's statistics (for
 * Fashion-MNIST's {@code byte / 255} pixels, about mean 0.286 and std 0.353).
 */
public final class Normalize implements Transform {
    private final float[] mean;
    private final float[] std;

    /**
     * A normalisation by the given per-channel statistics.
     *
     * @param mean one value per channel, or a single value for all channels
     * @param std as {@code mean}, same length; every value non-zero
     * @throws IllegalArgumentException if the lengths differ or are zero, or a std is zero
     */
    public Normalize(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalize needs as many means as stds, at least one, got "
                    + mean.length + " means and " + std.length + " stds");
        }
        for (float s : std) {
            if (s == 0f) {
                throw new IllegalArgumentException("Normalize: std must be non-zero, got " + Arrays.toString(std));
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * Standardises every element of {@code image} in place; {@code random} is not used.
     *
     * @throws IllegalArgumentException if this normalisation has several channel statistics and the
     *     image another number of channels
     */
    @Override
    public void apply(ImageView image, Generator random) {
        if (mean.length != 1 && mean.length != image.channels()) {
            throw new IllegalArgumentException("Normalize has " + mean.length + " channel means but the image has "
                    + image.channels() + " channels");
        }
        float[] data = image.data();
        int plane = image.height() * image.width();
        for (int c = 0; c < image.channels(); c++) {
            float m = mean[mean.length == 1 ? 0 : c];
            float s = std[std.length == 1 ? 0 : c];
            int from = image.index(c, 0, 0);
            for (int k = from; k < from + plane; k++) {
                data[k] = (data[k] - m) / s;
            }
        }
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
