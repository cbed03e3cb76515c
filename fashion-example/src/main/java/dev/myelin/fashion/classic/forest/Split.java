package dev.myelin.fashion.classic.forest;

/**
 * A candidate split of a node: pixel {@code feature} at most {@code threshold} goes left.
 *
 * @param purity {@code S_L / W_L + S_R / W_R}, where {@code W} is a child's sample weight and {@code S}
 *     the sum of the squares of its class weights. The children's weighted Gini impurity is
 *     {@code W_L G_L + W_R G_R = W - purity}, so the best split has the highest purity.
 */
record Split(int feature, int threshold, double purity) {
    /**
     * Whether this split beats {@code other}: higher purity, or on an exact tie the lower feature index,
     * so that the choice does not depend on the order in which the features were drawn.
     */
    boolean betterThan(Split other) {
        return purity > other.purity || (purity == other.purity && feature < other.feature);
    }
}
