package dev.myelin.fashion.classic.forest;

import dev.myelin.tensor.Generator;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Grows one classification tree by Gini impurity (CART, as in Breiman's random forests). Not
 * thread-safe: each worker thread has its own builder, which it reuses from tree to tree.
 *
 * <p>A node becomes a leaf when it is pure, lies at the maximum depth, holds less than twice the
 * minimum leaf weight, or has no valid split. Otherwise it draws {@code featuresPerSplit} distinct pixels
 * and takes the best split among them (see {@link SplitSearch} and {@link Split#betterThan}); if none of
 * them splits the node, it goes on drawing pixels one at a time until one does or all are tried, as
 * scikit-learn does. The node's samples are one range of an index array that each split partitions in
 * place, so no node copies its samples.
 *
 * <p>Nodes are numbered depth first, left before right. The tree depends only on the data, the options
 * and the generator passed in: the order of the samples within a node does not matter, because the
 * search only counts them.
 */
final class TreeBuilder {
    private final FeatureColumns data;
    private final ForestOptions options;
    private final int[] samples;
    private final int[] featureOrder;
    private final SplitSearch search = new SplitSearch();

    /** A node waiting to be grown: its samples are {@code samples[from, to)}. */
    private record Pending(int from, int to, int depth, int parent, boolean isLeft, long[] classWeights, long weight) {
    }

    TreeBuilder(FeatureColumns data, ForestOptions options) {
        if (options.featuresPerSplit() > data.features()) {
            throw new IllegalArgumentException("featuresPerSplit is " + options.featuresPerSplit()
                    + ", more than the " + data.features() + " pixels of an image");
        }
        this.data = data;
        this.options = options;
        this.samples = new int[data.size()];
        this.featureOrder = new int[data.features()];
    }

    /**
     * Grows a tree on the samples with a positive weight.
     *
     * @param weights per sample, how many times it is in the bootstrap sample (0 leaves it out)
     * @param random the source of the pixel draws
     */
    GrownTree grow(int[] weights, Generator random) {
        int count = 0;
        long[] rootClasses = new long[DecisionTree.CLASSES];
        for (int s = 0; s < data.size(); s++) {
            if (weights[s] > 0) {
                samples[count++] = s;
                rootClasses[data.label(s)] += weights[s];
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("a tree needs at least one sample");
        }
        for (int f = 0; f < featureOrder.length; f++) {
            featureOrder[f] = f;
        }
        NodeArrays nodes = new NodeArrays();
        double[] impurityDecrease = new double[data.features()];
        Deque<Pending> pending = new ArrayDeque<>();
        pending.push(new Pending(0, count, 0, -1, false, rootClasses, sum(rootClasses)));
        while (!pending.isEmpty()) {
            Pending node = pending.pop();
            Split split = splittable(node) ? findSplit(node, weights, random) : null;
            int index;
            if (split == null) {
                index = nodes.addLeaf(node.classWeights, node.weight);
            } else {
                index = nodes.addSplit(split.feature(), split.threshold());
                impurityDecrease[split.feature()] += split.purity() - squares(node.classWeights) / node.weight;
                long[] leftClasses = new long[DecisionTree.CLASSES];
                int middle = partition(node, split, weights, leftClasses);
                long[] rightClasses = new long[DecisionTree.CLASSES];
                for (int c = 0; c < rightClasses.length; c++) {
                    rightClasses[c] = node.classWeights[c] - leftClasses[c];
                }
                // Right first, so that the left subtree is grown (and numbered) first.
                pending.push(new Pending(middle, node.to, node.depth + 1, index, false, rightClasses, sum(rightClasses)));
                pending.push(new Pending(node.from, middle, node.depth + 1, index, true, leftClasses, sum(leftClasses)));
            }
            if (node.parent >= 0) {
                nodes.setChild(node.parent, node.isLeft, index);
            }
        }
        return new GrownTree(nodes.toTree(), impurityDecrease);
    }

    private boolean splittable(Pending node) {
        if (node.depth >= options.maxDepth() || node.weight < 2L * options.minSamplesLeaf()) {
            return false;
        }
        for (long w : node.classWeights) {
            if (w == node.weight) {
                return false;
            }
        }
        return true;
    }

    /** The best split among the drawn pixels, drawn by a partial Fisher-Yates shuffle of {@code featureOrder}. */
    private Split findSplit(Pending node, int[] weights, Generator random) {
        int d = featureOrder.length;
        Split best = null;
        for (int drawn = 0; drawn < d && (drawn < options.featuresPerSplit() || best == null); drawn++) {
            int pick = drawn + random.nextInt(d - drawn);
            int feature = featureOrder[pick];
            featureOrder[pick] = featureOrder[drawn];
            featureOrder[drawn] = feature;
            Split candidate = search.best(data, feature, samples, node.from, node.to, weights,
                    node.classWeights, node.weight, options.minSamplesLeaf());
            if (candidate != null && (best == null || candidate.betterThan(best))) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * Reorders the node's samples so that those going left come first; returns where the right ones
     * start, and adds the left ones' weights per class to {@code leftClasses}.
     */
    private int partition(Pending node, Split split, int[] weights, long[] leftClasses) {
        int i = node.from;
        int j = node.to - 1;
        while (i <= j) {
            int sample = samples[i];
            if (data.value(split.feature(), sample) <= split.threshold()) {
                leftClasses[data.label(sample)] += weights[sample];
                i++;
            } else {
                samples[i] = samples[j];
                samples[j] = sample;
                j--;
            }
        }
        return i;
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    private static double squares(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v * v;
        }
        return total;
    }
}
