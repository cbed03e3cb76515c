package dev.myelin.fashion.classic.forest;

import dev.myelin.fashion.data.ImageSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The reference for {@link TreeBuilder}: a recursive CART builder that tries every pixel and every
 * threshold between two values present in the node, counting the classes on each side from scratch.
 * Slow and plain on purpose. Ties go to the lowest pixel, then the lowest threshold.
 */
final class BruteForceTree {
    /** A node in depth-first order, left before right; a leaf has feature -1 and its class fractions. */
    record Node(int feature, int threshold, List<Float> probabilities) {
    }

    record Best(int feature, int threshold, double purity) {
    }

    private final ImageSet set;
    private final int[] weights;
    private final int maxDepth;
    private final int minLeaf;
    private final List<Node> nodes = new ArrayList<>();
    private final double[] impurityDecrease;

    private BruteForceTree(ImageSet set, int[] weights, int maxDepth, int minLeaf) {
        this.set = set;
        this.weights = weights;
        this.maxDepth = maxDepth;
        this.minLeaf = minLeaf;
        this.impurityDecrease = new double[set.imageSize()];
    }

    /** The whole tree, every pixel being a candidate at every node. */
    static BruteForceTree grow(ImageSet set, int[] weights, int maxDepth, int minLeaf) {
        BruteForceTree tree = new BruteForceTree(set, weights, maxDepth, minLeaf);
        List<Integer> all = new ArrayList<>();
        for (int s = 0; s < set.size(); s++) {
            if (weights[s] > 0) {
                all.add(s);
            }
        }
        tree.grow(all, 0);
        return tree;
    }

    List<Node> nodes() {
        return nodes;
    }

    double[] impurityDecrease() {
        return impurityDecrease;
    }

    /** The best split of {@code samples} over every pixel and threshold, or null if none is valid. */
    static Best bestSplit(ImageSet set, int[] weights, List<Integer> samples, int minLeaf) {
        Best best = null;
        for (int f = 0; f < set.imageSize(); f++) {
            TreeSet<Integer> values = new TreeSet<>();
            for (int s : samples) {
                values.add(pixel(set, s, f));
            }
            Integer previous = null;
            for (int value : values) {
                if (previous != null) {
                    int threshold = (previous + value) / 2;
                    long[] left = new long[DecisionTree.CLASSES];
                    long[] right = new long[DecisionTree.CLASSES];
                    for (int s : samples) {
                        (pixel(set, s, f) <= threshold ? left : right)[set.label(s)] += weights[s];
                    }
                    long wl = Arrays.stream(left).sum();
                    long wr = Arrays.stream(right).sum();
                    if (wl >= minLeaf && wr >= minLeaf) {
                        double purity = (double) squares(left) / wl + (double) squares(right) / wr;
                        if (best == null || purity > best.purity()) {
                            best = new Best(f, threshold, purity);
                        }
                    }
                }
                previous = value;
            }
        }
        return best;
    }

    private void grow(List<Integer> samples, int depth) {
        long[] counts = new long[DecisionTree.CLASSES];
        for (int s : samples) {
            counts[set.label(s)] += weights[s];
        }
        long total = Arrays.stream(counts).sum();
        boolean pure = Arrays.stream(counts).anyMatch(c -> c == total);
        Best best = depth >= maxDepth || total < 2L * minLeaf || pure ? null : bestSplit(set, weights, samples, minLeaf);
        if (best == null) {
            List<Float> probabilities = new ArrayList<>();
            for (long c : counts) {
                probabilities.add((float) ((double) c / total));
            }
            nodes.add(new Node(-1, 0, probabilities));
            return;
        }
        nodes.add(new Node(best.feature(), best.threshold(), null));
        // Weighted Gini impurity W * (1 - sum p^2) of the node, less that of its children.
        impurityDecrease[best.feature()] += best.purity() - (double) squares(counts) / total;
        List<Integer> left = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        for (int s : samples) {
            (pixel(set, s, best.feature()) <= best.threshold() ? left : right).add(s);
        }
        grow(left, depth + 1);
        grow(right, depth + 1);
    }

    /** {@code tree}'s nodes in the same order and form, by walking it from the root. */
    static List<Node> nodesOf(DecisionTree tree) {
        List<Node> out = new ArrayList<>();
        walk(tree, 0, out);
        return out;
    }

    private static void walk(DecisionTree tree, int node, List<Node> out) {
        if (tree.isLeaf(node)) {
            List<Float> probabilities = new ArrayList<>();
            for (int c = 0; c < DecisionTree.CLASSES; c++) {
                probabilities.add(tree.probability(node, c));
            }
            out.add(new Node(-1, 0, probabilities));
            return;
        }
        out.add(new Node(tree.feature(node), tree.threshold(node), null));
        walk(tree, tree.left(node), out);
        walk(tree, tree.right(node), out);
    }

    private static int pixel(ImageSet set, int sample, int feature) {
        return set.pixels()[sample * set.imageSize() + feature] & 0xFF;
    }

    private static long squares(long[] counts) {
        long sum = 0;
        for (long c : counts) {
            sum += c * c;
        }
        return sum;
    }
}
