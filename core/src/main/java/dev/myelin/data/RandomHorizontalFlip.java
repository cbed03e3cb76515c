package dev.myelin.data;

import dev.myelin.tensor.Generator;

/** Mirrors the image left to right with probability {@code p}, like torchvision's {@code RandomHorizontalFlip}. */
public final class RandomHorizontalFlip implements Transform {
    private final double p;

    /** Flips with probability 0.5. */
    public RandomHorizontalFlip() {
        this(0.5);
    }

    /** Flips with probability {@code p}, in [0, 1]. */
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
