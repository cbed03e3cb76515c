package dev.myelin.fashion.classic.forest;

/**
 * Finds the best threshold of one pixel for one node. The pixels are bytes, so one pass over the
 * node's samples fills a histogram of class weights per pixel value, and one scan of the 256 values
 * then weighs every threshold. Each instance owns its histogram: one per thread.
 */
final class SplitSearch {
    private static final int VALUES = 256;
    private static final int CLASSES = DecisionTree.CLASSES;

    private final int[] classWeightByValue = new int[VALUES * CLASSES];
    private final int[] weightByValue = new int[VALUES];
    private final long[] leftWeights = new long[CLASSES];
    private final long[] rightWeights = new long[CLASSES];

    /**
     * The split of {@code samples[from, to)} on {@code feature} with the highest {@link Split#purity},
     * the lowest threshold on a tie, or null when no threshold leaves {@code minLeaf} sample weight on
     * both sides (the pixel is constant in the node, or nearly so). The threshold lies halfway between the
     * two pixel values it separates, rounded down, as scikit-learn places it.
     *
     * @param weights how many times each sample is in the bootstrap
     * @param classWeights the node's weight per class
     * @param nodeWeight the node's total weight
     */
    Split best(FeatureColumns data, int feature, int[] samples, int from, int to, int[] weights,
            long[] classWeights, long nodeWeight, int minLeaf) {
        byte[] column = data.values();
        byte[] labels = data.labels();
        int offset = feature * data.size();
        for (int i = from; i < to; i++) {
            int sample = samples[i];
            int value = column[offset + sample] & 0xFF;
            int weight = weights[sample];
            classWeightByValue[value * CLASSES + labels[sample]] += weight;
            weightByValue[value] += weight;
        }

        long squaresLeft = 0;
        long squaresRight = 0;
        for (int c = 0; c < CLASSES; c++) {
            leftWeights[c] = 0;
            rightWeights[c] = classWeights[c];
            squaresRight += classWeights[c] * classWeights[c];
        }
        long weightLeft = 0;
        Split best = null;
        int previous = -1;
        // Each value present moves from the right side to the left; the threshold between the previous
        // value and this one is weighed first. Every touched bin is cleared on the way for the next call.
        for (int value = 0; value < VALUES; value++) {
            int binWeight = weightByValue[value];
            if (binWeight == 0) {
                continue;
            }
            long weightRight = nodeWeight - weightLeft;
            if (previous >= 0 && weightLeft >= minLeaf && weightRight >= minLeaf) {
                double purity = (double) squaresLeft / weightLeft + (double) squaresRight / weightRight;
                if (best == null || purity > best.purity()) {
                    best = new Split(feature, (previous + value) >>> 1, purity);
                }
            }
            int bin = value * CLASSES;
            for (int c = 0; c < CLASSES; c++) {
                long k = classWeightByValue[bin + c];
                if (k != 0) {
                    squaresLeft += (2 * leftWeights[c] + k) * k;
                    squaresRight += (k - 2 * rightWeights[c]) * k;
                    leftWeights[c] += k;
                    rightWeights[c] -= k;
                    classWeightByValue[bin + c] = 0;
                }
            }
            weightLeft += binWeight;
            weightByValue[value] = 0;
            previous = value;
        }
        return best;
    }
}
