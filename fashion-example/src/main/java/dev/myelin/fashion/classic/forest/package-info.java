/**
 * The random forest of the study (preset {@code forest}): Breiman's random forests of Gini trees,
 * grown on the raw byte pixels.
 *
 * <h2>Algorithm</h2>
 * Breiman, "Random Forests", Machine Learning 45 (2001). Each of the {@link
 * dev.myelin.fashion.classic.forest.ForestOptions#trees() trees} is grown on a bootstrap sample (as many
 * draws with replacement as there are images). At each node, {@code featuresPerSplit} pixels (28 of 784
 * by default) are drawn at random, and the node splits on the pixel and threshold ({@code pixel <=
 * threshold} goes left) that most lower the weighted Gini impurity; if none of the drawn pixels can
 * split it, more are drawn one at a time. Trees grow until their leaves are pure, unless a depth or leaf
 * size limit stops them. A forest's class probabilities are the mean of the class fractions in the
 * leaves an image reaches; the importance of a pixel is its share of the decrease in Gini impurity.
 *
 * <p>{@link dev.myelin.fashion.classic.forest.ForestTraining} grows the trees in parallel; {@link
 * dev.myelin.fashion.classic.forest.TreeBuilder} grows one with a 256-bin histogram split search;
 * {@link dev.myelin.fashion.classic.forest.RandomForest} is the trained model; {@link
 * dev.myelin.fashion.classic.forest.ForestFile} saves and loads it.
 *
 * <h2>File format</h2>
 * A safetensors file, every tensor F32. {@code N} is the total node count, {@code T} the tree count and
 * {@code D} the pixels per image (784). The nodes of tree {@code t} are rows {@code tree_offsets[t]} to
 * {@code tree_offsets[t+1] - 1} of the node tensors, its root first, numbered depth first with the left
 * child before the right.
 * <table>
 * <caption>Tensors</caption>
 * <tr><th>name</th><th>shape</th><th>contents</th></tr>
 * <tr><td>{@code tree_offsets}</td><td>[T+1]</td><td>0, then the end of each tree's rows; rising</td></tr>
 * <tr><td>{@code feature}</td><td>[N]</td><td>the pixel an inner node tests, 0 to D-1; -1 for a leaf</td></tr>
 * <tr><td>{@code threshold}</td><td>[N]</td><td>0 to 255: a pixel at most this goes left; 0 for a leaf</td></tr>
 * <tr><td>{@code left}, {@code right}</td><td>[N]</td><td>the children, as indices within the tree (its
 *     root is 0), each after its parent; -1 for a leaf</td></tr>
 * <tr><td>{@code leaf_probabilities}</td><td>[N, 10]</td><td>a leaf's class fractions, summing to 1;
 *     zeros for an inner node</td></tr>
 * <tr><td>{@code feature_importance}</td><td>[D]</td><td>each pixel's share of the impurity decrease,
 *     summing to 1 (all 0 if no tree splits)</td></tr>
 * </table>
 * All integral values are exact integers below 2<sup>24</sup>. The metadata holds {@code "myelin.model":
 * "forest"}, {@code "format_version": "1"} and the options: {@code trees}, {@code max_depth} (a number, or
 * {@code unlimited}), {@code min_samples_leaf}, {@code features_per_split} and {@code seed}. Loading
 * checks all of this before building the forest, and reports a fault as a {@link
 * dev.myelin.fashion.classic.ModelFileException}; a leaf's threshold and children, and an inner node's
 * row of probabilities, are not read.
 */
package dev.myelin.fashion.classic.forest;
