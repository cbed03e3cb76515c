package dev.myelin.data;

import dev.myelin.tensor.Generator;
import java.util.Arrays;

/**
 * Random erasing (Zhong, Zheng, Kang, Li and Yang, "Random Erasing Data Augmentation", AAAI 2020,
 * arXiv:1708.04896): with probability {@code p}, fills a random rectangle of the image, in every
 * channel, with a constant value. Follows torchvision's {@code RandomErasing}, defaults included: up to
 * 10 attempts to draw a rectangle whose area is a uniform fraction in {@code [scaleMin, scaleMax]} of
 * {@code H × W} and whose aspect ratio {@code r} (height / width) is log-uniform in
 * {@code [ratioMin, ratioMax]}; its sides are {@code round(sqrt(area * r))} rows by
 * {@code round(sqrt(area / r))} columns (rounding half to even, as Python does). The first rectangle
 * smaller than the image on both sides is placed uniformly at random; if none is, the image is left
 * alone. The paper fills with random values and uses {@code scaleMax = 0.4}; this class, like
 * torchvision, fills a constant.
 *
 * <p>The image keeps its shape {@code (C, H, W)}. Whether and where it is erased depends only on the
 * generator passed to {@link #apply}, so a loader's seed fixes it. Usually applied after
 * {@link Normalize}, where the default fill 0 is the dataset mean.
 */
public final class RandomErasing implements Transform {
    private static final int ATTEMPTS = 10;
    private final double p;
    private final double scaleMin;
    private final double scaleMax;
    private final double ratioMin;
    private final double ratioMax;
    private final double logRatioMin;
    private final double logRatioMax;
    private final float value;

    /**
     * Random erasing with torchvision's defaults: {@code p = 0.5, scale = (0.02, 0.33),
     * ratio = (0.3, 3.3), value = 0}.
     */
    public RandomErasing() {
        this(0.5, 0.02, 0.33, 0.3, 3.3, 0f);
    }

    /**
     * Random erasing with the given settings.
     *
     * @param p the probability of erasing, in [0, 1]
     * @param scaleMin smallest erased fraction of the image area, in [0, scaleMax]
     * @param scaleMax largest erased fraction of the image area, at most 1
     * @param ratioMin smallest aspect ratio (height / width) of the rectangle, positive
     * @param ratioMax largest aspect ratio, at least ratioMin
     * @param value the fill value, written into every channel of the rectangle (0 is the mean after
     *     {@link Normalize})
     * @throws IllegalArgumentException if a setting is outside its range (NaN included)
     */
    public RandomErasing(double p, double scaleMin, double scaleMax, double ratioMin, double ratioMax, float value) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("erasing probability must be in [0, 1], got " + p);
        }
        if (!(scaleMin >= 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
            throw new IllegalArgumentException("erasing scale must satisfy 0 <= min <= max <= 1, got (" + scaleMin
                    + ", " + scaleMax + ")");
        }
        if (!(ratioMin > 0 && ratioMin <= ratioMax && Double.isFinite(ratioMax))) {
            throw new IllegalArgumentException("erasing ratio must satisfy 0 < min <= max, got (" + ratioMin + ", "
                    + ratioMax + ")");
        }
        this.p = p;
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.ratioMin = ratioMin;
        this.ratioMax = ratioMax;
        this.logRatioMin = Math.log(ratioMin);
        this.logRatioMax = Math.log(ratioMax);
        this.value = value;
    }

    /**
     * Draws one number to decide whether to erase, then two per attempt (area, ratio) and two for the
     * position of the rectangle that fits, so the number of draws varies from sample to sample.
     */
    @Override
    public void apply(ImageView image, Generator random) {
        if (random.nextDouble() >= p) {
            return;
        }
        int h = image.height();
        int w = image.width();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double area = h * w * (scaleMin + (scaleMax - scaleMin) * random.nextDouble());
            double ratio = Math.exp(logRatioMin + (logRatioMax - logRatioMin) * random.nextDouble());
            // Math.rint rounds half to even, as Python's round does.
            int eh = (int) Math.rint(Math.sqrt(area * ratio));
            int ew = (int) Math.rint(Math.sqrt(area / ratio));
            if (eh < h && ew < w) {
                int top = random.nextInt(h - eh + 1);
                int left = random.nextInt(w - ew + 1);
                fill(image, top, left, eh, ew);
                return;
            }
        }
    }

    private void fill(ImageView image, int top, int left, int eh, int ew) {
        float[] data = image.data();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = top; y < top + eh; y++) {
                int row = image.index(c, y, left);
                Arrays.fill(data, row, row + ew, value);
            }
        }
    }

    @Override
    public String toString() {
        return "RandomErasing(p=" + p + ", scale=(" + scaleMin + ", " + scaleMax + "), ratio=("
                + ratioMin + ", " + ratioMax + "), value=" + value + ")";
    }
}
