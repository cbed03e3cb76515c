package dev.myelin.fashion.classic.forest;

import java.util.Arrays;

/** The nodes of a tree being grown, in arrays that double as they fill; {@link #toTree()} trims them. */
final class NodeArrays {
    private static final int CLASSES = DecisionTree.CLASSES;

    private int[] feature = new int[64];
    private int[] threshold = new int[64];
    private int[] left = new int[64];
    private int[] right = new int[64];
    private float[] probabilities = new float[64 * CLASSES];
    private int count;

    /** Adds a leaf holding the class fractions of {@code classWeights}; returns its index. */
    int addLeaf(long[] classWeights, long nodeWeight) {
        int node = add(DecisionTree.LEAF, 0);
        for (int c = 0; c < CLASSES; c++) {
            probabilities[node * CLASSES + c] = (float) ((double) classWeights[c] / nodeWeight);
        }
        return node;
    }

    /** Adds an inner node whose children are set later with {@link #setChild}; returns its index. */
    int addSplit(int splitFeature, int splitThreshold) {
        return add(splitFeature, splitThreshold);
    }

    void setChild(int parent, boolean isLeft, int child) {
        (isLeft ? left : right)[parent] = child;
    }

    DecisionTree toTree() {
        return new DecisionTree(Arrays.copyOf(feature, count), Arrays.copyOf(threshold, count),
                Arrays.copyOf(left, count), Arrays.copyOf(right, count),
                Arrays.copyOf(probabilities, count * CLASSES));
    }

    private int add(int nodeFeature, int nodeThreshold) {
        if (count == feature.length) {
            int capacity = 2 * count;
            feature = Arrays.copyOf(feature, capacity);
            threshold = Arrays.copyOf(threshold, capacity);
            left = Arrays.copyOf(left, capacity);
            right = Arrays.copyOf(right, capacity);
            probabilities = Arrays.copyOf(probabilities, capacity * CLASSES);
        }
        feature[count] = nodeFeature;
        threshold[count] = nodeThreshold;
        left[count] = DecisionTree.LEAF;
        right[count] = DecisionTree.LEAF;
        return count++;
    }
}
