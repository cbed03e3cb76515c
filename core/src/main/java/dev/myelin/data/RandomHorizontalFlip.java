package dev.myelin.data;

import dev.myelin.tensor.Generator;

/**
 * Mirrors the image left to right with probability {@code p}, like torchvision's
 * {@code RandomHorizontalFlip} (same default, {@code p = 0.5}): {@code out(c, y, x) = in(c, y, W - 1 - x)}.
 * Keeps the shape {@code (C, H, W)}; the result depends only on the generator passed to
 * {@link #apply}, so a loader's seed fixes it.
 */
public final class RandomHorizontalFlip implements Transform {
    private final double p;

    /** Flips with probability 0.5, torchvision's default. */
    public RandomHorizontalFlip() {
        this(0.5);
    }

    /**
     * Flips with the given probability.
     *
     * @param p the probability of a flip, in [0, 1]: 0 never flips, 1 always does
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or NaN
     */
    public RandomHorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + p);
        }
        this.p = p;
    }

    /** Draws one number from {@code random}, then flips every row of every channel or none. */
    @Override
    public void apply(ImageView image, Generator random) {
        if (random.nextDouble() >= p) {
            return;
        }
        float[] data = image.data();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < image.height(); y++) {
                for (int left = image.index(c, y, 0), right = image.index(c, y, image.width() - 1); left < right;
                        left++, right--) {
                    float t = data[left];
                    data[left] = data[right];
                    data[right] = t;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RandomHorizontalFlip(p=" + p + ")";
    }
}
