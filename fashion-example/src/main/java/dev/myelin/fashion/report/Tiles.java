package dev.myelin.fashion.report;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/** Dataset images and saliency maps as pictures, enlarged with nearest-neighbour sampling. */
public final class Tiles {
    /** Anchors of the "inferno" colour map (matplotlib), from black through purple and red to yellow. */
    private static final int[][] INFERNO = {
        {0, 0, 4}, {40, 11, 84}, {101, 21, 110}, {159, 42, 99},
        {212, 72, 66}, {245, 125, 21}, {250, 193, 39}, {252, 255, 164}
    };

    private Tiles() {}

    /** A grayscale picture of a square image with values in [0, 1], each pixel a {@code scale}-wide block. */
    public static BufferedImage grayscale(float[] image, int side, int scale) {
        BufferedImage out = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side * scale; y++) {
            for (int x = 0; x < side * scale; x++) {
                int v = level(image[(y / scale) * side + x / scale]);
                out.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return out;
    }

    /** A square image with values in [0, 1] in the inferno colour map, black at 0 and pale yellow at 1. */
    public static BufferedImage inferno(float[] image, int side, int scale) {
        BufferedImage out = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side * scale; y++) {
            for (int x = 0; x < side * scale; x++) {
                int[] colour = inferno(image[(y / scale) * side + x / scale]);
                out.setRGB(x, y, colour[0] << 16 | colour[1] << 8 | colour[2]);
            }
        }
        return out;
    }

    /**
     * The image, dimmed, under its saliency in the inferno colour map: the more a pixel moves the
     * class score, the brighter and yellower it is. Saliency is taken in absolute value and scaled
     * so that its 99th percentile is the top of the map (a single extreme pixel would wash out the rest).
     */
    static BufferedImage saliencyOverlay(float[] image, float[] saliency, int side, int scale) {
        float[] heat = normalise(saliency);
        BufferedImage out = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side * scale; y++) {
            for (int x = 0; x < side * scale; x++) {
                int i = (y / scale) * side + x / scale;
                float h = heat[i];
                int[] colour = inferno(h);
                float base = 0.35f * image[i]; // the garment stays visible as a faint outline
                float alpha = (float) Math.min(1, Math.sqrt(h) * 1.1);
                int r = level(base * (1 - alpha) + alpha * colour[0] / 255f);
                int g = level(base * (1 - alpha) + alpha * colour[1] / 255f);
                int b = level(base * (1 - alpha) + alpha * colour[2] / 255f);
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    /** |s| divided by its 99th percentile, clipped to [0, 1]; all zeros stay zeros. */
    static float[] normalise(float[] saliency) {
        float[] abs = new float[saliency.length];
        for (int i = 0; i < abs.length; i++) {
            abs[i] = Float.isFinite(saliency[i]) ? Math.abs(saliency[i]) : 0;
        }
        float[] sorted = abs.clone();
        Arrays.sort(sorted);
        float top = sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
        if (top <= 0) {
            top = sorted[sorted.length - 1];
        }
        float[] heat = new float[abs.length];
        if (top > 0) {
            for (int i = 0; i < abs.length; i++) {
                heat[i] = Math.min(1, abs[i] / top);
            }
        }
        return heat;
    }

    /** The colour map at {@code t} in [0, 1], as {r, g, b}. */
    static int[] inferno(float t) {
        float position = Math.clamp(t, 0f, 1f) * (INFERNO.length - 1);
        int lower = Math.min((int) position, INFERNO.length - 2);
        float f = position - lower;
        int[] colour = new int[3];
        for (int c = 0; c < 3; c++) {
            colour[c] = Math.round(INFERNO[lower][c] + f * (INFERNO[lower + 1][c] - INFERNO[lower][c]));
        }
        return colour;
    }

    private static int level(float v) {
        return Math.clamp(Math.round(v * 255), 0, 255);
    }
}
