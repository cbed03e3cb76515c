package dev.myelin.data;

import dev.myelin.tensor.Generator;

/** Small datasets for the loader tests. */
final class TestData {
    private TestData() {
    }

    /**
     * {@code n} (at most 65,536) 1×1×2 images that spell their own index: pixel bytes
     * {@code (i mod 256, i / 256)}, label {@code i mod 10}.
     */
    static ImageDataset indexed(int n) {
        byte[] pixels = new byte[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            pixels[2 * i] = (byte) i;
            pixels[2 * i + 1] = (byte) (i >> 8);
            labels[i] = i % 10;
        }
        return new ImageDataset(pixels, labels, 1, 1, 2);
    }

    /** The index spelled by the image at {@code offset}, as {@link #indexed} writes it. */
    static int decode(float[] data, int offset) {
        return Math.round(data[offset] * 255) + 256 * Math.round(data[offset + 1] * 255);
    }

    /** {@code n} random images of the given shape, labelled {@code i mod 10}. */
    static ImageDataset random(long seed, int n, int channels, int height, int width) {
        Generator g = new Generator(seed);
        byte[] pixels = new byte[n * channels * height * width];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) g.nextInt(256);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        return new ImageDataset(pixels, labels, channels, height, width);
    }
}
