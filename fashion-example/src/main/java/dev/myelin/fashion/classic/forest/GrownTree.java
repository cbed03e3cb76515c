package dev.myelin.fashion.classic.forest;

/**
 * A tree as {@link TreeBuilder} grows it, with what the forest's feature importance needs.
 *
 * @param impurityDecrease per pixel, the total decrease of weighted Gini impurity at the nodes that
 *     split on it, in units of bootstrap samples
 */
record GrownTree(DecisionTree tree, double[] impurityDecrease) {
}
