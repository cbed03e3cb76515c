package dev.myelin.fashion.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Euclidean distances between the mean images of the classes, pixels in [0, 1]. Classes whose
 * means are close look alike on average, a first hint of what a model will confuse.
 */
public final class ClassDistances {
    /** Two classes, {@code first < second}, and the distance between their means. */
    public record Pair(int first, int second, double distance) {}

    private final double[][] table;

    private ClassDistances(double[][] table) {
        this.table = table;
    }

    /** The distances between every two of {@code means}, one mean image per class. */
    public static ClassDistances between(float[][] means) {
        int n = means.length;
        double[][] table = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double squared = 0;
                for (int p = 0; p < means[a].length; p++) {
                    double d = means[a][p] - means[b][p];
                    squared += d * d;
                }
                table[a][b] = table[b][a] = Math.sqrt(squared);
            }
        }
        return new ClassDistances(table);
    }

    public int classes() {
        return table.length;
    }

    public double distance(int a, int b) {
        return table[a][b];
    }

    /** The full table, symmetric with zeros on the diagonal. */
    public double[][] table() {
        double[][] copy = new double[table.length][];
        for (int i = 0; i < table.length; i++) {
            copy[i] = table[i].clone();
        }
        return copy;
    }

    /** The {@code n} closest pairs of different classes, closest first; ties in class order. */
    public List<Pair> closest(int n) {
        List<Pair> pairs = new ArrayList<>();
        for (int a = 0; a < table.length; a++) {
            for (int b = a + 1; b < table.length; b++) {
                pairs.add(new Pair(a, b, table[a][b]));
            }
        }
        // The sort is stable and the pairs were made in class order, so ties stay in class order.
        pairs.sort(Comparator.comparingDouble(Pair::distance));
        return List.copyOf(pairs.subList(0, Math.min(n, pairs.size())));
    }

    /** The largest distance between two classes: the top of a shared colour scale. */
    public double max() {
        double max = 0;
        for (double[] row : table) {
            for (double d : row) {
                max = Math.max(max, d);
            }
        }
        return max;
    }
}
