package dev.myelin.fashion.classic.forest;

import dev.myelin.fashion.data.FashionMnist;

/**
 * How a random forest is grown.
 *
 * @param trees the number of trees, at least 1 (default {@value #DEFAULT_TREES})
 * @param maxDepth the deepest a leaf may lie, the root being at depth 0; {@link #UNLIMITED_DEPTH} (the
 *     default) grows every branch until it is pure or too small to split
 * @param minSamplesLeaf the fewest bootstrap samples (counted with repetition) a leaf may hold, at least 1
 *     (default 1)
 * @param featuresPerSplit how many pixels each node draws as split candidates, 1 to
 *     {@value FashionMnist#PIXELS} (default {@value #DEFAULT_FEATURES_PER_SPLIT}, the floor of the square
 *     root of the pixel count, as Breiman suggests for classification)
 * @param seed fixes every random draw: the same seed and data give the same forest on any thread count
 */
public record ForestOptions(int trees, int maxDepth, int minSamplesLeaf, int featuresPerSplit, long seed) {
    public static final int DEFAULT_TREES = 100;
    public static final int UNLIMITED_DEPTH = Integer.MAX_VALUE;
    public static final int DEFAULT_FEATURES_PER_SPLIT = 28;

    public ForestOptions {
        requireAtLeast("trees", trees, 1);
        requireAtLeast("maxDepth", maxDepth, 1);
        requireAtLeast("minSamplesLeaf", minSamplesLeaf, 1);
        requireAtLeast("featuresPerSplit", featuresPerSplit, 1);
        if (featuresPerSplit > FashionMnist.PIXELS) {
            throw new IllegalArgumentException("featuresPerSplit is " + featuresPerSplit + ", more than the "
                    + FashionMnist.PIXELS + " pixels of an image");
        }
    }

    /** The defaults: 100 fully grown trees, leaves of one sample or more, 28 pixels per split. */
    public static ForestOptions defaults(long seed) {
        return new ForestOptions(DEFAULT_TREES, UNLIMITED_DEPTH, 1, DEFAULT_FEATURES_PER_SPLIT, seed);
    }

    public ForestOptions withTrees(int trees) {
        return new ForestOptions(trees, maxDepth, minSamplesLeaf, featuresPerSplit, seed);
    }

    public ForestOptions withMaxDepth(int maxDepth) {
        return new ForestOptions(trees, maxDepth, minSamplesLeaf, featuresPerSplit, seed);
    }

    public ForestOptions withMinSamplesLeaf(int minSamplesLeaf) {
        return new ForestOptions(trees, maxDepth, minSamplesLeaf, featuresPerSplit, seed);
    }

    public ForestOptions withFeaturesPerSplit(int featuresPerSplit) {
        return new ForestOptions(trees, maxDepth, minSamplesLeaf, featuresPerSplit, seed);
    }

    public ForestOptions withSeed(long seed) {
        return new ForestOptions(trees, maxDepth, minSamplesLeaf, featuresPerSplit, seed);
    }

    /** Whether branches grow until they are pure or too small, with no depth limit. */
    public boolean unlimitedDepth() {
        return maxDepth == UNLIMITED_DEPTH;
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }
}
