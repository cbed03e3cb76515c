package dev.myelin.fashion.classic.forest;

import dev.myelin.fashion.classic.ModelFileException;
import dev.myelin.fashion.classic.ModelFileHeader;
import dev.myelin.io.SafetensorsWriter;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads a {@link RandomForest} as a safetensors file. The layout is described in the
 * {@linkplain dev.myelin.fashion.classic.forest package documentation}; every value is F32, and every
 * integral one is an exact integer below 2<sup>24</sup>.
 */
public final class ForestFile {
    static final String VERSION = "1";
    static final String TREES_KEY = "trees";
    static final String MAX_DEPTH_KEY = "max_depth";
    static final String MIN_SAMPLES_LEAF_KEY = "min_samples_leaf";
    static final String FEATURES_PER_SPLIT_KEY = "features_per_split";
    static final String SEED_KEY = "seed";
    static final String UNLIMITED = "unlimited";

    static final String TREE_OFFSETS = "tree_offsets";
    static final String FEATURE = "feature";
    static final String THRESHOLD = "threshold";
    static final String LEFT = "left";
    static final String RIGHT = "right";
    static final String LEAF_PROBABILITIES = "leaf_probabilities";
    static final String FEATURE_IMPORTANCE = "feature_importance";

    /** Node indices are stored as F32, which holds every integer up to this exactly. */
    static final int MAX_NODES = 1 << 24;

    private ForestFile() {
    }

    /**
     * Writes {@code forest} to {@code file}, replacing it atomically.
     *
     * @throws IllegalArgumentException if the forest has more than 2<sup>24</sup> nodes
     */
    public static void save(Path file, RandomForest forest) throws IOException {
        List<DecisionTree> trees = forest.trees();
        int nodes = forest.nodeCount();
        if (nodes > MAX_NODES) {
            throw new IllegalArgumentException("the forest has " + nodes + " nodes; the file holds at most " + MAX_NODES);
        }
        float[] offsets = new float[trees.size() + 1];
        float[] feature = new float[nodes];
        float[] threshold = new float[nodes];
        float[] left = new float[nodes];
        float[] right = new float[nodes];
        float[] probabilities = new float[nodes * DecisionTree.CLASSES];
        int base = 0;
        for (int t = 0; t < trees.size(); t++) {
            DecisionTree tree = trees.get(t);
            for (int i = 0; i < tree.nodeCount(); i++) {
                int node = base + i;
                feature[node] = tree.feature(i);
                threshold[node] = tree.threshold(i);
                left[node] = tree.left(i);
                right[node] = tree.right(i);
                for (int c = 0; c < DecisionTree.CLASSES; c++) {
                    probabilities[node * DecisionTree.CLASSES + c] = tree.probability(i, c);
                }
            }
            base += tree.nodeCount();
            offsets[t + 1] = base;
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put(TREE_OFFSETS, Tensor.of(offsets, offsets.length));
        tensors.put(FEATURE, Tensor.of(feature, nodes));
        tensors.put(THRESHOLD, Tensor.of(threshold, nodes));
        tensors.put(LEFT, Tensor.of(left, nodes));
        tensors.put(RIGHT, Tensor.of(right, nodes));
        tensors.put(LEAF_PROBABILITIES, Tensor.of(probabilities, nodes, DecisionTree.CLASSES));
        tensors.put(FEATURE_IMPORTANCE, Tensor.of(forest.featureImportance(), forest.pixelCount()));
        SafetensorsWriter.write(file, tensors, metadata(forest.options()));
    }

    /**
     * Reads a forest that {@link #save} wrote, checking the whole file before building anything.
     *
     * @throws ModelFileException naming the file and the fault, if it is not a valid forest file
     * @throws IOException if the file cannot be read
     */
    public static RandomForest load(Path file) throws IOException {
        return new ForestDecoder(file).decode();
    }

    private static Map<String, String> metadata(ForestOptions options) {
        Map<String, String> metadata = ModelFileHeader.metadata(RandomForest.PRESET, VERSION);
        metadata.put(TREES_KEY, Integer.toString(options.trees()));
        metadata.put(MAX_DEPTH_KEY, options.unlimitedDepth() ? UNLIMITED : Integer.toString(options.maxDepth()));
        metadata.put(MIN_SAMPLES_LEAF_KEY, Integer.toString(options.minSamplesLeaf()));
        metadata.put(FEATURES_PER_SPLIT_KEY, Integer.toString(options.featuresPerSplit()));
        metadata.put(SEED_KEY, Long.toString(options.seed()));
        return metadata;
    }
}
