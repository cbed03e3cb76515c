package dev.myelin.fashion.classic.forest;

import static dev.myelin.fashion.classic.forest.ForestFile.*;

import dev.myelin.fashion.classic.ModelFileException;
import dev.myelin.fashion.classic.ModelFileHeader;
import dev.myelin.io.SafetensorsFile;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks a forest file against the rules of its layout and builds the forest. Every fault becomes a
 * {@link ModelFileException} naming the file and what is wrong, so that a damaged or foreign file never
 * reaches prediction, where a bad child index would loop forever or read out of bounds.
 */
final class ForestDecoder {
    /** How far a row of class fractions, or the importances, may sum from 1 after F32 rounding. */
    private static final double SUM_TOLERANCE = 1e-4;

    private final Path file;

    ForestDecoder(Path file) {
        this.file = file;
    }

    RandomForest decode() throws IOException {
        SafetensorsFile contents = ModelFileHeader.read(file, RandomForest.PRESET, VERSION);
        ForestOptions options = options(contents);
        float[] offsets = shaped(contents, TREE_OFFSETS, options.trees() + 1);
        int nodes = nodeOffsets(offsets);
        float[] feature = shaped(contents, FEATURE, nodes);
        float[] threshold = shaped(contents, THRESHOLD, nodes);
        float[] left = shaped(contents, LEFT, nodes);
        float[] right = shaped(contents, RIGHT, nodes);
        float[] probabilities = shaped(contents, LEAF_PROBABILITIES, nodes, DecisionTree.CLASSES);
        float[] importance = importance(contents);

        List<DecisionTree> trees = new ArrayList<>(options.trees());
        for (int t = 0; t < options.trees(); t++) {
            int from = (int) offsets[t];
            int to = (int) offsets[t + 1];
            int[] treeFeature = new int[to - from];
            int[] treeThreshold = new int[to - from];
            int[] treeLeft = new int[to - from];
            int[] treeRight = new int[to - from];
            float[] treeProbabilities = Arrays.copyOfRange(probabilities, from * DecisionTree.CLASSES,
                    to * DecisionTree.CLASSES);
            for (int i = 0; i < to - from; i++) {
                int node = from + i;
                treeFeature[i] = integer(feature[node], FEATURE, node, DecisionTree.LEAF, importance.length - 1);
                treeLeft[i] = DecisionTree.LEAF;
                treeRight[i] = DecisionTree.LEAF;
                if (treeFeature[i] == DecisionTree.LEAF) {
                    checkLeafRow(probabilities, node);
                } else {
                    treeThreshold[i] = integer(threshold[node], THRESHOLD, node, 0, 255);
                    // A child after its parent and inside its tree: every path ends at a leaf.
                    treeLeft[i] = child(left[node], LEFT, node, i, to - from, t);
                    treeRight[i] = child(right[node], RIGHT, node, i, to - from, t);
                }
            }
            trees.add(new DecisionTree(treeFeature, treeThreshold, treeLeft, treeRight, treeProbabilities));
        }
        return new RandomForest(trees, importance, options);
    }

    private ForestOptions options(SafetensorsFile contents) throws ModelFileException {
        String maxDepth = metadata(contents, MAX_DEPTH_KEY);
        try {
            return new ForestOptions(
                    number(contents, TREES_KEY),
                    maxDepth.equals(UNLIMITED) ? ForestOptions.UNLIMITED_DEPTH : number(contents, MAX_DEPTH_KEY),
                    number(contents, MIN_SAMPLES_LEAF_KEY),
                    number(contents, FEATURES_PER_SPLIT_KEY),
                    longNumber(contents, SEED_KEY));
        } catch (IllegalArgumentException e) {
            throw fault("the options in the metadata are invalid: " + e.getMessage());
        }
    }

    /** The node count; the offsets must start at 0 and rise at every tree (no tree is empty). */
    private int nodeOffsets(float[] offsets) throws ModelFileException {
        if (offsets[0] != 0) {
            throw fault(TREE_OFFSETS + "[0] is " + offsets[0] + ", not 0");
        }
        for (int t = 1; t < offsets.length; t++) {
            integer(offsets[t], TREE_OFFSETS, t, 0, MAX_NODES);
            if (offsets[t] <= offsets[t - 1]) {
                throw fault(TREE_OFFSETS + " must increase, but [" + t + "] is " + offsets[t] + " after "
                        + offsets[t - 1] + " (tree " + (t - 1) + " would have no node)");
            }
        }
        return (int) offsets[offsets.length - 1];
    }

    private float[] importance(SafetensorsFile contents) throws ModelFileException {
        Tensor tensor = tensor(contents, FEATURE_IMPORTANCE);
        int[] dims = tensor.dims();
        if (dims.length != 1 || dims[0] < 1) {
            throw fault(FEATURE_IMPORTANCE + " has shape " + Arrays.toString(dims) + ", not [pixels]");
        }
        float[] values = tensor.toArray();
        double sum = 0;
        for (int f = 0; f < values.length; f++) {
            if (!(values[f] >= 0) || Float.isInfinite(values[f])) {
                throw fault(FEATURE_IMPORTANCE + "[" + f + "] is " + values[f] + ", not a finite value >= 0");
            }
            sum += values[f];
        }
        if (sum != 0 && Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw fault(FEATURE_IMPORTANCE + " sums to " + fourDecimals(sum) + ", not 1");
        }
        return values;
    }

    private void checkLeafRow(float[] probabilities, int node) throws ModelFileException {
        double sum = 0;
        for (int c = 0; c < DecisionTree.CLASSES; c++) {
            float p = probabilities[node * DecisionTree.CLASSES + c];
            if (!(p >= 0) || Float.isInfinite(p)) {
                throw fault(LEAF_PROBABILITIES + "[" + node + ", " + c + "] of a leaf is " + p
                        + ", not a finite probability");
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw fault(LEAF_PROBABILITIES + "[" + node + "] of a leaf sums to " + fourDecimals(sum) + ", not 1");
        }
    }

    private int child(float value, String name, int node, int local, int treeSize, int tree) throws ModelFileException {
        int child = integer(value, name, node, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (child <= local || child >= treeSize) {
            throw fault(name + "[" + node + "] is " + child + ": the child of node " + local + " of tree " + tree
                    + " must come after it and inside the tree's " + treeSize + " nodes");
        }
        return child;
    }

    /** {@code value} as an int, which must be a whole number in [min, max]. */
    private int integer(float value, String name, int index, int min, int max) throws ModelFileException {
        if (!(value == Math.rint(value)) || value < min || value > max) {
            throw fault(name + "[" + index + "] is " + value + ", not a whole number in " + min + ".." + max);
        }
        return (int) value;
    }

    /** The values of tensor {@code name}, which must have the {@code expected} shape. */
    private float[] shaped(SafetensorsFile contents, String name, int... expected) throws ModelFileException {
        Tensor tensor = tensor(contents, name);
        if (!Arrays.equals(tensor.dims(), expected)) {
            throw fault(name + " has shape " + Arrays.toString(tensor.dims()) + ", expected "
                    + Arrays.toString(expected));
        }
        return tensor.toArray();
    }

    private Tensor tensor(SafetensorsFile contents, String name) throws ModelFileException {
        Tensor tensor = contents.tensors().get(name);
        if (tensor == null) {
            throw fault("no tensor '" + name + "'; the file holds " + contents.tensors().keySet());
        }
        return tensor;
    }

    private String metadata(SafetensorsFile contents, String key) throws ModelFileException {
        String value = contents.metadata().get(key);
        if (value == null) {
            throw fault("no '" + key + "' metadata");
        }
        return value;
    }

    private int number(SafetensorsFile contents, String key) throws ModelFileException {
        String value = metadata(contents, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw fault("metadata '" + key + "' is '" + value + "', not a whole number");
        }
    }

    private long longNumber(SafetensorsFile contents, String key) throws ModelFileException {
        String value = metadata(contents, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw fault("metadata '" + key + "' is '" + value + "', not a whole number");
        }
    }

    private static String fourDecimals(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private ModelFileException fault(String what) {
        return new ModelFileException(file, what);
    }
}
