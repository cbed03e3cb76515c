package dev.myelin.fashion.classic.forest;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import java.util.Random;

/** Data sets for the forest tests. */
final class ForestFixtures {
    private ForestFixtures() {
    }

    /**
     * 28x28 images whose class is a bright 4x4 square at a place of its own on a noisy background
     * (pixels 0 to 60, the square 200 to 255): any tree that finds the squares separates the classes.
     */
    static ImageSet separable(int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * FashionMnist.PIXELS];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(FashionMnist.CLASSES);
            labels[i] = label;
            int top = 3 + (label / 5) * 12;
            int left = 2 + (label % 5) * 5;
            for (int p = 0; p < FashionMnist.PIXELS; p++) {
                int y = p / 28;
                int x = p % 28;
                boolean inSquare = y >= top && y < top + 4 && x >= left && x < left + 4;
                int value = inSquare ? 200 + random.nextInt(56) : random.nextInt(61);
                pixels[i * FashionMnist.PIXELS + p] = (byte) value;
            }
        }
        return new ImageSet(pixels, labels, FashionMnist.ROWS, FashionMnist.COLS);
    }

    /**
     * {@code count} random images of {@code features} pixels in one row, each pixel one of a few values
     * (so that ties and constant pixels are common), with labels below {@code classes}.
     */
    static ImageSet tiny(int count, int features, int classes, Random random) {
        int[] palette = {0, 1, 7, 8, 100, 254, 255};
        int values = 2 + random.nextInt(palette.length - 1);
        byte[] pixels = new byte[count * features];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(classes);
            for (int f = 0; f < features; f++) {
                pixels[i * features + f] = (byte) palette[random.nextInt(values)];
            }
        }
        return new ImageSet(pixels, labels, 1, features);
    }

    /** The images of {@code set} as floats in [0, 1]. */
    static float[][] images(ImageSet set) {
        return set.images(0, set.size());
    }
}
