package dev.myelin.fashion.classic.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.ImageSet;
import dev.myelin.tensor.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tree builder against {@link BruteForceTree} on many small random data sets. With every pixel a
 * candidate at every node the random draws cannot change the tree, so the two must agree exactly.
 */
class TreeBuilderTest {
    private static final int CASES = 400;

    @Test
    void theRootSplitIsTheExhaustiveBestGiniSplit() {
        Random random = new Random(1);
        int leaves = 0;
        for (int trial = 0; trial < CASES; trial++) {
            int features = 1 + random.nextInt(5);
            ImageSet set = ForestFixtures.tiny(2 + random.nextInt(30), features, 1 + random.nextInt(4), random);
            int minLeaf = 1 + random.nextInt(3);
            int[] weights = ones(set.size());

            DecisionTree tree = grow(set, weights, options(features, 1, minLeaf), trial);
            BruteForceTree.Best best = BruteForceTree.bestSplit(set, weights, allSamples(set), minLeaf);

            String context = "trial " + trial;
            boolean pure = Arrays.stream(set.labels()).distinct().count() == 1;
            if (best == null || pure || set.size() < 2 * minLeaf) {
                assertTrue(tree.isLeaf(0), context);
                leaves++;
            } else {
                assertEquals(best.feature(), tree.feature(0), context);
                assertEquals(best.threshold(), tree.threshold(0), context);
            }
        }
        assertTrue(leaves < CASES / 2, "most roots should split, but " + leaves + " did not");
    }

    @Test
    void aWholeTreeEqualsTheRecursiveBruteForceTree() {
        Random random = new Random(2);
        for (int trial = 0; trial < CASES; trial++) {
            int features = 1 + random.nextInt(4);
            ImageSet set = ForestFixtures.tiny(2 + random.nextInt(40), features, 2 + random.nextInt(3), random);
            int maxDepth = random.nextBoolean() ? ForestOptions.UNLIMITED_DEPTH : 1 + random.nextInt(4);
            int minLeaf = 1 + random.nextInt(3);
            int[] weights = new int[set.size()];
            for (int s = 0; s < weights.length; s++) {
                weights[s] = random.nextInt(3); // 0 leaves a sample out, as a bootstrap does
            }
            weights[0] = 1;

            GrownTree grown = builder(set, options(features, maxDepth, minLeaf)).grow(weights, new Generator(trial));
            BruteForceTree reference = BruteForceTree.grow(set, weights, maxDepth, minLeaf);

            String context = "trial " + trial;
            assertEquals(reference.nodes(), BruteForceTree.nodesOf(grown.tree()), context);
            assertArrayEquals(reference.impurityDecrease(), grown.impurityDecrease(), 1e-9, context);
        }
    }

    @Test
    void nodesAreNumberedDepthFirstLeftBeforeRight() {
        ImageSet set = ForestFixtures.tiny(60, 4, 3, new Random(3));
        DecisionTree tree = grow(set, ones(set.size()), options(4, ForestOptions.UNLIMITED_DEPTH, 1), 0);
        assertTrue(tree.nodeCount() > 7, "the tree should have a few levels");
        List<Integer> order = new ArrayList<>();
        preorder(tree, 0, order);
        for (int i = 0; i < order.size(); i++) {
            assertEquals(i, order.get(i));
        }
    }

    @Test
    void aSampleWeightCountsAsThatManyCopies() {
        Random random = new Random(4);
        for (int trial = 0; trial < 50; trial++) {
            ImageSet set = ForestFixtures.tiny(20, 3, 3, random);
            int[] weights = new int[set.size()];
            List<Integer> copies = new ArrayList<>();
            for (int s = 0; s < weights.length; s++) {
                weights[s] = random.nextInt(4);
                for (int k = 0; k < weights[s]; k++) {
                    copies.add(s);
                }
            }
            if (copies.isEmpty()) {
                continue;
            }
            ImageSet expanded = select(set, copies);
            ForestOptions options = options(3, ForestOptions.UNLIMITED_DEPTH, 2);

            DecisionTree weighted = grow(set, weights, options, trial);
            DecisionTree repeated = grow(expanded, ones(expanded.size()), options, trial);

            assertEquals(BruteForceTree.nodesOf(repeated), BruteForceTree.nodesOf(weighted), "trial " + trial);
        }
    }

    @Test
    void whenTheDrawnPixelsCannotSplitItDrawsOthers() {
        // Only pixel 7 varies; one pixel per split is drawn, so most first draws are constant pixels.
        int features = 10;
        int n = 40;
        byte[] pixels = new byte[n * features];
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            labels[s] = s % 2;
            pixels[s * features + 7] = (byte) (s % 2 == 0 ? 10 : 200);
        }
        ImageSet set = new ImageSet(pixels, labels, 1, features);
        for (int seed = 0; seed < 20; seed++) {
            DecisionTree tree = grow(set, ones(n), options(1, ForestOptions.UNLIMITED_DEPTH, 1), seed);
            assertEquals(3, tree.nodeCount(), "seed " + seed);
            assertEquals(7, tree.feature(0));
            assertEquals(105, tree.threshold(0), "halfway between 10 and 200, rounded down");
        }
    }

    @Test
    void aNodeNoPixelCanSplitIsALeafWithItsClassFractions() {
        byte[] pixels = new byte[4 * 2]; // all pixels 0: nothing can split
        ImageSet set = new ImageSet(pixels, new int[] {0, 1, 1, 3}, 1, 2);
        DecisionTree tree = grow(set, new int[] {1, 2, 1, 4}, options(2, ForestOptions.UNLIMITED_DEPTH, 1), 0);
        assertEquals(1, tree.nodeCount());
        assertEquals(0.125f, tree.probability(0, 0));
        assertEquals(0.375f, tree.probability(0, 1));
        assertEquals(0.5f, tree.probability(0, 3));
    }

    @Test
    void fewerPixelsThanFeaturesPerSplitIsRefused() {
        ImageSet set = ForestFixtures.tiny(5, 3, 2, new Random(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder(set, options(4, 1, 1)));
        assertTrue(e.getMessage().contains("featuresPerSplit is 4"), e.getMessage());
    }

    @Test
    void theSameGeneratorGivesTheSameTreeAndTheSplitSearchLeavesNoState() {
        ImageSet set = ForestFixtures.tiny(200, 6, 4, new Random(6));
        TreeBuilder builder = builder(set, options(2, ForestOptions.UNLIMITED_DEPTH, 1));
        DecisionTree first = builder.grow(ones(set.size()), new Generator(9)).tree();
        builder.grow(ones(set.size()), new Generator(10));
        DecisionTree again = builder.grow(ones(set.size()), new Generator(9)).tree();
        assertEquals(BruteForceTree.nodesOf(first), BruteForceTree.nodesOf(again));
        assertFalse(BruteForceTree.nodesOf(first).equals(
                BruteForceTree.nodesOf(builder.grow(ones(set.size()), new Generator(10)).tree())),
                "other draws should give another tree");
    }

    private static ForestOptions options(int featuresPerSplit, int maxDepth, int minLeaf) {
        return new ForestOptions(1, maxDepth, minLeaf, featuresPerSplit, 0);
    }

    private static TreeBuilder builder(ImageSet set, ForestOptions options) {
        return new TreeBuilder(FeatureColumns.of(set), options);
    }

    private static DecisionTree grow(ImageSet set, int[] weights, ForestOptions options, long seed) {
        return builder(set, options).grow(weights, new Generator(seed)).tree();
    }

    private static int[] ones(int n) {
        int[] weights = new int[n];
        Arrays.fill(weights, 1);
        return weights;
    }

    private static List<Integer> allSamples(ImageSet set) {
        List<Integer> all = new ArrayList<>();
        for (int s = 0; s < set.size(); s++) {
            all.add(s);
        }
        return all;
    }

    private static ImageSet select(ImageSet set, List<Integer> samples) {
        int d = set.imageSize();
        byte[] pixels = new byte[samples.size() * d];
        int[] labels = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(set.pixels(), samples.get(i) * d, pixels, i * d, d);
            labels[i] = set.label(samples.get(i));
        }
        return new ImageSet(pixels, labels, 1, d);
    }

    private static void preorder(DecisionTree tree, int node, List<Integer> out) {
        out.add(node);
        if (!tree.isLeaf(node)) {
            preorder(tree, tree.left(node), out);
            preorder(tree, tree.right(node), out);
        }
    }
}
