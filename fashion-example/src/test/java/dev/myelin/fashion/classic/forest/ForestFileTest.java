package dev.myelin.fashion.classic.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.classic.ModelFileException;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.io.SafetensorsFile;
import dev.myelin.io.SafetensorsReader;
import dev.myelin.io.SafetensorsWriter;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForestFileTest {
    private static final ImageSet TRAIN = ForestFixtures.separable(200, 1);
    private static final float[][] IMAGES = ForestFixtures.images(ForestFixtures.separable(40, 2));
    private static RandomForest forest;

    @TempDir
    Path dir;

    @BeforeAll
    static void growAForest() {
        forest = ForestTraining.fit(TRAIN, ForestOptions.defaults(5).withTrees(3), new PrintStream(PrintStream.nullOutputStream()));
    }

    @Test
    void aSavedForestLoadsWithTheSameTreesAndLogits() throws IOException {
        Path file = dir.resolve("forest.safetensors");
        ForestFile.save(file, forest);
        RandomForest loaded = ForestFile.load(file);
        ForestTrainingTest.assertSameForest(forest, loaded);
        assertArrayEquals(forest.logits(IMAGES), loaded.logits(IMAGES));
        assertEquals(forest.options(), loaded.options());
        assertEquals(forest.nodeCount(), loaded.nodeCount());
    }

    @Test
    void aDepthLimitAndForestsOfSingleLeavesRoundTrip() throws IOException {
        ImageSet oneClass = new ImageSet(new byte[3 * FashionMnist.PIXELS], new int[] {4, 4, 4}, 28, 28);
        RandomForest leaves = ForestTraining.fit(oneClass, new ForestOptions(2, 5, 1, 28, 0),
                new PrintStream(PrintStream.nullOutputStream()));
        Path file = dir.resolve("leaves.safetensors");
        ForestFile.save(file, leaves);
        RandomForest loaded = ForestFile.load(file);
        assertEquals(2, loaded.nodeCount());
        assertEquals(5, loaded.options().maxDepth());
        assertEquals(1f, loaded.probabilities(new float[][] {new float[FashionMnist.PIXELS]})[0][4]);
        assertArrayEquals(new float[FashionMnist.PIXELS], loaded.featureImportance(), "no split, no importance");
    }

    @Test
    void theFileHasTheDocumentedLayout() throws IOException {
        Path file = save();
        SafetensorsFile contents = SafetensorsReader.read(file);
        int nodes = forest.nodeCount();
        assertEquals(Map.of("myelin.model", "forest", "format_version", "1", "trees", "3",
                "max_depth", "unlimited", "min_samples_leaf", "1", "features_per_split", "28", "seed", "5"),
                contents.metadata());
        assertArrayEquals(new int[] {4}, contents.tensor("tree_offsets").dims());
        for (String name : new String[] {"feature", "threshold", "left", "right"}) {
            assertArrayEquals(new int[] {nodes}, contents.tensor(name).dims(), name);
        }
        assertArrayEquals(new int[] {nodes, 10}, contents.tensor("leaf_probabilities").dims());
        assertArrayEquals(new int[] {784}, contents.tensor("feature_importance").dims());
        float[] offsets = contents.tensor("tree_offsets").toArray();
        assertEquals(nodes, offsets[3]);
        float[] feature = contents.tensor("feature").toArray();
        float[] left = contents.tensor("left").toArray();
        assertTrue(feature[0] >= 0 && left[0] == 1, "each root splits, and its left child comes next");
    }

    // One test per fault that load must catch.

    @Test
    void notASafetensorsFile() throws IOException {
        Path file = dir.resolve("forest.safetensors");
        Files.writeString(file, "hello");
        assertFault(file, "not a readable safetensors file");
    }

    @Test
    void noModelKind() throws IOException {
        assertFault(rewrite(f -> f.metadata.remove("myelin.model")), "no 'myelin.model' metadata");
    }

    @Test
    void anotherModelKind() throws IOException {
        assertFault(rewrite(f -> f.metadata.put("myelin.model", "knn")), "holds a 'knn' model, not a 'forest'");
    }

    @Test
    void anUnknownFormatVersion() throws IOException {
        assertFault(rewrite(f -> f.metadata.put("format_version", "2")), "format_version is '2'");
    }

    @Test
    void anOptionThatIsNotANumber() throws IOException {
        assertFault(rewrite(f -> f.metadata.put("trees", "many")), "metadata 'trees' is 'many', not a whole number");
    }

    @Test
    void anInvalidOption() throws IOException {
        assertFault(rewrite(f -> f.metadata.put("min_samples_leaf", "0")),
                "options in the metadata are invalid: minSamplesLeaf must be at least 1");
    }

    @Test
    void aMissingTensor() throws IOException {
        assertFault(rewrite(f -> f.tensors.remove("right")), "no tensor 'right'");
    }

    @Test
    void offsetsForAnotherNumberOfTrees() throws IOException {
        assertFault(rewrite(f -> f.metadata.put("trees", "2")), "tree_offsets has shape [4], expected [3]");
    }

    @Test
    void nodeArraysOfDifferentLengths() throws IOException {
        assertFault(rewrite(f -> f.put("threshold", new float[5], 5)), "threshold has shape [5], expected [" + forest.nodeCount() + "]");
    }

    @Test
    void leafProbabilitiesNotOneRowOfTenPerNode() throws IOException {
        int nodes = forest.nodeCount();
        assertFault(rewrite(f -> f.put("leaf_probabilities", f.values("leaf_probabilities"), nodes * 10)),
                "leaf_probabilities has shape [" + nodes * 10 + "], expected [" + nodes + ", 10]");
    }

    @Test
    void offsetsThatDoNotStartAtZero() throws IOException {
        assertFault(rewrite(f -> f.values("tree_offsets")[0] = 1), "tree_offsets[0] is 1.0, not 0");
    }

    @Test
    void offsetsThatDoNotIncrease() throws IOException {
        assertFault(rewrite(f -> f.values("tree_offsets")[2] = f.values("tree_offsets")[1]), "tree_offsets must increase");
    }

    @Test
    void anOffsetThatIsNotAWholeNumber() throws IOException {
        assertFault(rewrite(f -> f.values("tree_offsets")[1] += 0.5f), "tree_offsets[1] is", "not a whole number");
    }

    @Test
    void aFeatureOutsideTheImage() throws IOException {
        assertFault(rewrite(f -> f.values("feature")[0] = 784), "feature[0] is 784.0, not a whole number in -1..783");
    }

    @Test
    void aFeatureThatIsNotAWholeNumber() throws IOException {
        assertFault(rewrite(f -> f.values("feature")[0] = 2.5f), "feature[0] is 2.5");
    }

    @Test
    void aThresholdAboveTheLargestPixel() throws IOException {
        assertFault(rewrite(f -> f.values("threshold")[0] = 256), "threshold[0] is 256.0, not a whole number in 0..255");
    }

    @Test
    void aThresholdThatIsNotAWholeNumber() throws IOException {
        assertFault(rewrite(f -> f.values("threshold")[0] = 99.5f), "threshold[0] is 99.5");
    }

    @Test
    void aChildThatIsItsOwnParent() throws IOException {
        assertFault(rewrite(f -> f.values("left")[0] = 0), "left[0] is 0: the child of node 0 of tree 0 must come after it");
    }

    @Test
    void aChildInAnotherTree() throws IOException {
        int firstTree = forest.trees().getFirst().nodeCount();
        assertFault(rewrite(f -> f.values("right")[0] = firstTree), "right[0] is " + firstTree,
                "inside the tree's " + firstTree + " nodes");
    }

    @Test
    void aNegativeProbability() throws IOException {
        int leaf = firstLeaf();
        assertFault(rewrite(f -> {
            f.values("leaf_probabilities")[leaf * 10] -= 2;
            f.values("leaf_probabilities")[leaf * 10 + 1] += 2;
        }), "leaf_probabilities[" + leaf + ", 0] of a leaf is", "not a finite probability");
    }

    @Test
    void aProbabilityThatIsNotANumber() throws IOException {
        int leaf = firstLeaf();
        assertFault(rewrite(f -> f.values("leaf_probabilities")[leaf * 10 + 3] = Float.NaN),
                "leaf_probabilities[" + leaf + ", 3] of a leaf is NaN");
    }

    @Test
    void anInfiniteProbability() throws IOException {
        int leaf = firstLeaf();
        assertFault(rewrite(f -> f.values("leaf_probabilities")[leaf * 10 + 3] = Float.POSITIVE_INFINITY),
                "leaf_probabilities[" + leaf + ", 3] of a leaf is Infinity");
    }

    @Test
    void aLeafWhoseProbabilitiesDoNotSumToOne() throws IOException {
        int leaf = firstLeaf();
        assertFault(rewrite(f -> {
            for (int c = 0; c < 10; c++) {
                f.values("leaf_probabilities")[leaf * 10 + c] = 0.05f;
            }
        }), "leaf_probabilities[" + leaf + "] of a leaf sums to 0.5000, not 1");
    }

    @Test
    void aNegativeImportance() throws IOException {
        assertFault(rewrite(f -> f.values("feature_importance")[10] = -0.5f), "feature_importance[10] is -0.5");
    }

    @Test
    void importancesThatDoNotSumToOne() throws IOException {
        assertFault(rewrite(f -> f.values("feature_importance")[10] += 0.5f), "feature_importance sums to 1.5000, not 1");
    }

    @Test
    void importanceThatIsNotAVector() throws IOException {
        assertFault(rewrite(f -> f.put("feature_importance", f.values("feature_importance"), 28, 28)),
                "feature_importance has shape [28, 28], not [pixels]");
    }

    /** A forest file's contents, open to change. */
    private static final class Contents {
        final Map<String, Tensor> tensors = new LinkedHashMap<>();
        final Map<String, float[]> values = new LinkedHashMap<>();
        final Map<String, String> metadata = new LinkedHashMap<>();

        float[] values(String name) {
            return values.computeIfAbsent(name, n -> tensors.get(n).toArray());
        }

        void put(String name, float[] data, int... dims) {
            values.remove(name);
            tensors.put(name, Tensor.of(data, dims));
        }

        Map<String, Tensor> toWrite() {
            Map<String, Tensor> result = new LinkedHashMap<>(tensors);
            values.forEach((name, data) -> result.put(name, Tensor.of(data, tensors.get(name).dims())));
            return result;
        }
    }

    private Path save() throws IOException {
        Path file = dir.resolve("forest.safetensors");
        ForestFile.save(file, forest);
        return file;
    }

    /** The saved forest with {@code change} made to its contents. */
    private Path rewrite(Consumer<Contents> change) throws IOException {
        Path file = save();
        SafetensorsFile read = SafetensorsReader.read(file);
        Contents contents = new Contents();
        contents.tensors.putAll(read.tensors());
        contents.metadata.putAll(read.metadata());
        change.accept(contents);
        SafetensorsWriter.write(file, contents.toWrite(), contents.metadata);
        return file;
    }

    private static int firstLeaf() {
        DecisionTree tree = forest.trees().getFirst();
        int node = 0;
        while (!tree.isLeaf(node)) {
            node++;
        }
        return node;
    }

    private static void assertFault(Path file, String... phrases) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ForestFile.load(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), "'" + e.getMessage() + "' should say '" + phrase + "'");
        }
    }
}
