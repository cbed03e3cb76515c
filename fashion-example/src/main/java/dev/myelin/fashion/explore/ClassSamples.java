package dev.myelin.fashion.explore;

import java.util.Arrays;

/** Which images to show as samples of each class: the first ones, so that every run shows the same. */
public final class ClassSamples {
    private ClassSamples() {}

    /**
     * The indices of the first {@code perClass} images of each class, in order; fewer for a class
     * that has fewer images.
     */
    public static int[][] first(int[] labels, int classes, int perClass) {
        int[][] picked = new int[classes][perClass];
        int[] found = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (found[label] < perClass) {
                picked[label][found[label]++] = i;
            }
        }
        for (int c = 0; c < classes; c++) {
            picked[c] = Arrays.copyOf(picked[c], found[c]);
        }
        return picked;
    }
}
