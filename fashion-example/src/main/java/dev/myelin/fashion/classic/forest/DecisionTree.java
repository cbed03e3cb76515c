package dev.myelin.fashion.classic.forest;

import dev.myelin.fashion.data.FashionMnist;

/**
 * One classification tree in flat arrays, node 0 the root. An inner node sends an image to its
 * {@code left} child when the pixel {@code feature} is at most {@code threshold} (0 to 255) and to its
 * {@code right} child otherwise; children come after their parent. A leaf has feature {@link #LEAF} and
 * holds the class distribution of the bootstrap samples that reached it. Immutable.
 */
final class DecisionTree {
    static final int LEAF = -1;
    static final int CLASSES = FashionMnist.CLASSES;

    private final int[] feature;
    private final int[] threshold;
    private final int[] left;
    private final int[] right;
    private final float[] probabilities;

    /**
     * Takes the arrays as they are; the caller has checked them (see {@link ForestFile} for the rules).
     *
     * @param probabilities {@link #CLASSES} values per node, the class fractions of each leaf, zero for
     *     inner nodes
     */
    DecisionTree(int[] feature, int[] threshold, int[] left, int[] right, float[] probabilities) {
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.probabilities = probabilities;
    }

    int nodeCount() {
        return feature.length;
    }

    /** The leaf that {@code pixels} (0 to 255 each) reach from the root. */
    int leafOf(int[] pixels) {
        int node = 0;
        while (feature[node] != LEAF) {
            node = pixels[feature[node]] <= threshold[node] ? left[node] : right[node];
        }
        return node;
    }

    /** Adds the class distribution of {@code leaf} to {@code sums}. */
    void addProbabilities(int leaf, double[] sums) {
        for (int c = 0; c < CLASSES; c++) {
            sums[c] += probabilities[leaf * CLASSES + c];
        }
    }

    boolean isLeaf(int node) {
        return feature[node] == LEAF;
    }

    int feature(int node) {
        return feature[node];
    }

    int threshold(int node) {
        return threshold[node];
    }

    int left(int node) {
        return left[node];
    }

    int right(int node) {
        return right[node];
    }

    float probability(int node, int label) {
        return probabilities[node * CLASSES + label];
    }
}
