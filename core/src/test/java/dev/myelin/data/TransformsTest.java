package dev.myelin.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Generator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TransformsTest {
    private static ImageView image(float[] data, int channels, int height, int width) {
        return new ImageView(data, 0, channels, height, width);
    }

    /** Values in [0.1, 1), none equal to 0 or to a negative fill. */
    private static float[] randomPixels(Generator g, int n) {
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = 0.1f + 0.9f * g.nextFloat();
        }
        return data;
    }

    // ------------------------------------------------------------------ Normalize

    @Test
    void normalizeStandardisesEachChannel() {
        float[] data = {0.5f, 1f, 0f, 0.25f};
        new Normalize(new float[] {0.5f, 0.25f}, new float[] {0.5f, 0.25f}).apply(image(data, 2, 1, 2), null);
        assertArrayEquals(new float[] {0f, 1f, -1f, 0f}, data);
    }

    @Property(tries = 50)
    void normalizeMapsXToXMinusMeanOverStd(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int channels) {
        Generator g = new Generator(seed);
        float[] mean = randomPixels(g, channels);
        float[] std = randomPixels(g, channels);
        float[] x = randomPixels(g, channels * 6);
        float[] y = x.clone();
        new Normalize(mean, std).apply(new ImageView(y, 0, channels, 2, 3), g);
        for (int i = 0; i < x.length; i++) {
            int c = i / 6;
            assertEquals((x[i] - mean[c]) / std[c], y[i]);
        }
    }

    @Test
    void normalizeWithOneValueCoversAllChannels() {
        float[] data = {1f, 2f, 3f};
        new Normalize(new float[] {1f}, new float[] {2f}).apply(image(data, 3, 1, 1), null);
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, data);
    }

    @Test
    void normalizeRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {0}, new float[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[0], new float[0]));
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {0}, new float[] {0}));
        Normalize twoChannels = new Normalize(new float[] {0, 0}, new float[] {1, 1});
        assertThrows(IllegalArgumentException.class, () -> twoChannels.apply(image(new float[3], 3, 1, 1), null));
    }

    // ------------------------------------------------------------------ RandomHorizontalFlip

    @Test
    void flipMirrorsEveryRowOfEveryChannel() {
        float[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        new RandomHorizontalFlip(1.0).apply(image(data, 2, 2, 3), new Generator(1));
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10}, data);
    }

    @Test
    void flipWithProbabilityZeroChangesNothing() {
        float[] data = {1, 2, 3, 4};
        new RandomHorizontalFlip(0.0).apply(image(data, 1, 2, 2), new Generator(1));
        assertArrayEquals(new float[] {1, 2, 3, 4}, data);
    }

    @Test
    void flipHappensAboutHalfTheTime() {
        RandomHorizontalFlip flip = new RandomHorizontalFlip();
        int flipped = 0;
        for (int seed = 0; seed < 1000; seed++) {
            float[] data = {1, 2};
            flip.apply(image(data, 1, 1, 2), new Generator(Seeds.sample(7, 0, seed)));
            if (data[0] == 2) {
                flipped++;
            } else {
                assertArrayEquals(new float[] {1, 2}, data);
            }
        }
        assertTrue(flipped > 430 && flipped < 570, "flipped " + flipped + " of 1000");
        assertThrows(IllegalArgumentException.class, () -> new RandomHorizontalFlip(1.5));
    }

    // ------------------------------------------------------------------ RandomCrop

    /** A seed whose first two draws of {@code nextInt(bound)} are {@code top} and {@code left}. */
    private static long seedDrawing(int bound, int top, int left) {
        for (long seed = 0; ; seed++) {
            Generator twin = new Generator(seed);
            if (twin.nextInt(bound) == top && twin.nextInt(bound) == left) {
                return seed;
            }
        }
    }

    @Test
    void cropWithPaddingShiftsTheContent() {
        // Padded by 1 to 5×5, then the window whose top-left corner is at padded (0, 2):
        //  0 0 0 0 0         0 0 0
        //  0 1 2 3 0         2 3 0
        //  0 4 5 6 0   ->    5 6 0
        //  0 7 8 9 0
        //  0 0 0 0 0
        float[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        new RandomCrop(3, 1).apply(image(data, 1, 3, 3), new Generator(seedDrawing(3, 0, 2)));
        assertArrayEquals(new float[] {0, 0, 0, 2, 3, 0, 5, 6, 0}, data);

        // The window at padded (2, 1): rows 2..4, columns 1..3.
        float[] other = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        new RandomCrop(3, 1).apply(image(other, 1, 3, 3), new Generator(seedDrawing(3, 2, 1)));
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 0, 0, 0}, other);
    }

    @Property(tries = 200)
    void cropEqualsPaddingThenCutting(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int channels,
            @ForAll @IntRange(min = 1, max = 9) int size, @ForAll @IntRange(min = 0, max = 11) int padding) {
        Generator g = new Generator(seed);
        float[] x = randomPixels(g, channels * size * size);
        float[] y = x.clone();
        long cropSeed = g.nextLong();
        new RandomCrop(size, padding).apply(image(y, channels, size, size), new Generator(cropSeed));

        Generator twin = new Generator(cropSeed);
        int top = twin.nextInt(2 * padding + 1);
        int left = twin.nextInt(2 * padding + 1);
        int padded = size + 2 * padding;
        for (int c = 0; c < channels; c++) {
            float[] canvas = new float[padded * padded];
            for (int r = 0; r < size; r++) {
                for (int col = 0; col < size; col++) {
                    canvas[(r + padding) * padded + col + padding] = x[(c * size + r) * size + col];
                }
            }
            for (int r = 0; r < size; r++) {
                for (int col = 0; col < size; col++) {
                    assertEquals(canvas[(top + r) * padded + left + col], y[(c * size + r) * size + col]);
                }
            }
        }
    }

    @Test
    void cropMustKeepTheImageSize() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RandomCrop(2, 1).apply(image(new float[9], 1, 3, 3), new Generator(0)));
        assertTrue(e.getMessage().contains("3×3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RandomCrop(3, -1));
    }

    // ------------------------------------------------------------------ RandomErasing

    @Property(tries = 300)
    void erasingFillsOneRectangleInEveryChannelOrNothing(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3) int channels, @ForAll @IntRange(min = 1, max = 30) int height,
            @ForAll @IntRange(min = 1, max = 30) int width) {
        Generator g = new Generator(seed);
        float[] x = randomPixels(g, channels * height * width);
        float[] y = x.clone();
        new RandomErasing(1.0, 0.02, 0.33, 0.3, 3.3, -1f).apply(image(y, channels, height, width), g);

        int top = height, bottom = -1, left = width, right = -1;
        for (int i = 0; i < y.length; i++) {
            assertTrue(y[i] == x[i] || y[i] == -1f, "a value neither kept nor the fill");
            if (y[i] == -1f) {
                int r = i / width % height;
                int col = i % width;
                top = Math.min(top, r);
                bottom = Math.max(bottom, r);
                left = Math.min(left, col);
                right = Math.max(right, col);
            }
        }
        if (bottom < 0) {
            return; // no rectangle fitted, or an empty one
        }
        assertTrue(bottom - top + 1 < height && right - left + 1 < width, "the rectangle must fit strictly inside");
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < height; r++) {
                for (int col = 0; col < width; col++) {
                    boolean inside = r >= top && r <= bottom && col >= left && col <= right;
                    assertEquals(inside, y[(c * height + r) * width + col] == -1f);
                }
            }
        }
    }

    @Test
    void erasingCoversAbout17PercentOfTheAreaOnAverage() {
        // The erased fraction is uniform in [0.02, 0.33] (mean 0.175), up to rounding of the sides.
        RandomErasing erasing = new RandomErasing(1.0, 0.02, 0.33, 0.3, 3.3, -1f);
        int erasedImages = 0;
        double erasedFraction = 0;
        for (int seed = 0; seed < 1000; seed++) {
            float[] data = new float[28 * 28];
            erasing.apply(image(data, 1, 28, 28), new Generator(Seeds.sample(3, 0, seed)));
            int erased = 0;
            for (float v : data) {
                erased += v == -1f ? 1 : 0;
            }
            erasedImages += erased > 0 ? 1 : 0;
            erasedFraction += erased / 784.0;
        }
        assertTrue(erasedImages >= 980, erasedImages + " of 1000 images erased");
        double mean = erasedFraction / 1000;
        assertTrue(mean > 0.15 && mean < 0.20, "mean erased fraction " + mean);
    }

    @Test
    void erasingHappensWithProbabilityP() {
        RandomErasing never = new RandomErasing(0.0, 0.02, 0.33, 0.3, 3.3, -1f);
        RandomErasing half = new RandomErasing();
        int erased = 0;
        for (int seed = 0; seed < 1000; seed++) {
            float[] data = new float[100];
            java.util.Arrays.fill(data, 0.5f);
            never.apply(image(data, 1, 10, 10), new Generator(seed));
            half.apply(image(data, 1, 10, 10), new Generator(Seeds.sample(5, 1, seed)));
            erased += data[0] == 0.5f && data[55] == 0.5f && allEqual(data) ? 0 : 1;
        }
        assertTrue(erased > 400 && erased < 600, erased + " of 1000 erased");
    }

    private static boolean allEqual(float[] data) {
        for (float v : data) {
            if (v != data[0]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void erasingRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new RandomErasing(-0.1, 0.02, 0.33, 0.3, 3.3, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomErasing(0.5, 0.4, 0.33, 0.3, 3.3, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomErasing(0.5, 0.02, 1.5, 0.3, 3.3, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomErasing(0.5, 0.02, 0.33, 0, 3.3, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomErasing(0.5, 0.02, 0.33, 3.3, 0.3, 0));
    }

    // ------------------------------------------------------------------ Compose and determinism

    @Test
    void composeAppliesInOrder() {
        Transform minusOne = new Normalize(new float[] {1}, new float[] {1});
        Transform half = new Normalize(new float[] {0}, new float[] {2});
        float[] a = {5};
        new Compose(minusOne, half).apply(image(a, 1, 1, 1), null);
        float[] b = {5};
        new Compose(half, minusOne).apply(image(b, 1, 1, 1), null);
        assertArrayEquals(new float[] {2}, a);
        assertArrayEquals(new float[] {1.5f}, b);
    }

    @Property(tries = 50)
    void theSameGeneratorSeedGivesTheSameAugmentation(@ForAll long seed) {
        Transform augment = new Compose(new RandomCrop(8, 2), new RandomHorizontalFlip(),
                new Normalize(new float[] {0.5f}, new float[] {0.25f}), new RandomErasing());
        float[] x = randomPixels(new Generator(seed), 2 * 8 * 8);
        float[] first = x.clone();
        float[] second = x.clone();
        augment.apply(image(first, 2, 8, 8), new Generator(Seeds.sample(seed, 3, 17)));
        augment.apply(image(second, 2, 8, 8), new Generator(Seeds.sample(seed, 3, 17)));
        assertArrayEquals(first, second);
    }

    @Test
    void imageViewChecksItsBounds() {
        ImageView view = new ImageView(new float[30], 6, 2, 3, 4);
        assertEquals(24, view.size());
        assertEquals(6 + (1 * 3 + 2) * 4 + 3, view.index(1, 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> new ImageView(new float[30], 7, 2, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> new ImageView(new float[30], 0, 0, 3, 4));
    }
}
