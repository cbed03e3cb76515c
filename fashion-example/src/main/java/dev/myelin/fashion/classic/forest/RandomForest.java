package dev.myelin.fashion.classic.forest;

import dev.myelin.fashion.run.TrainedModel;
import java.util.List;
import java.util.Optional;

/**
 * A trained random forest. An image's class probabilities are the mean, over the trees, of the class
 * fractions in the leaf it reaches; its logits are their natural logarithms, floored at
 * {@link #PROBABILITY_FLOOR} so that a class no tree votes for stays finite. Pixels in [0, 1] are
 * turned back into the dataset's bytes, {@code round(255 v)} clamped to 0..255, before the trees
 * compare them with their thresholds.
 *
 * <p>Immutable, and safe to share between threads. Built by {@link ForestTraining#fit}, stored by
 * {@link ForestFile}.
 */
public final class RandomForest implements TrainedModel {
    /** The name of the preset, and of the model kind in the file. */
    public static final String PRESET = "forest";
    /** The smallest probability whose logarithm {@link #logits} gives. */
    public static final float PROBABILITY_FLOOR = 1e-7f;

    private static final String NO_SALIENCY = "a random forest has no saliency map: its votes are piecewise "
            + "constant in the pixels, so their gradient is zero almost everywhere";

    private final List<DecisionTree> trees;
    private final float[] featureImportance;
    private final ForestOptions options;

    /**
     * @param featureImportance one value per pixel, non-negative, summing to 1 (or all 0 when no tree splits)
     */
    RandomForest(List<DecisionTree> trees, float[] featureImportance, ForestOptions options) {
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("a forest needs at least one tree");
        }
        this.trees = List.copyOf(trees);
        this.featureImportance = featureImportance.clone();
        this.options = options;
    }

    /** One row of 10 class probabilities per image, in label order; each row sums to 1. */
    public float[][] probabilities(float[][] images) {
        int[][] pixels = new int[images.length][];
        for (int i = 0; i < images.length; i++) {
            pixels[i] = toBytes(images[i]);
        }
        double[][] sums = new double[images.length][DecisionTree.CLASSES];
        // Tree by tree, so that one tree's nodes stay in the cache while every image walks it.
        for (DecisionTree tree : trees) {
            for (int i = 0; i < images.length; i++) {
                tree.addProbabilities(tree.leafOf(pixels[i]), sums[i]);
            }
        }
        float[][] result = new float[images.length][DecisionTree.CLASSES];
        for (int i = 0; i < images.length; i++) {
            for (int c = 0; c < DecisionTree.CLASSES; c++) {
                result[i][c] = (float) (sums[i][c] / trees.size());
            }
        }
        return result;
    }

    @Override
    public float[][] logits(float[][] images) {
        float[][] logits = probabilities(images);
        for (float[] row : logits) {
            for (int c = 0; c < row.length; c++) {
                row[c] = (float) Math.log(Math.max(row[c], PROBABILITY_FLOOR));
            }
        }
        return logits;
    }

    /** @throws UnsupportedOperationException always, with the reason {@link #saliencyUnavailable()} gives */
    @Override
    public float[][] saliency(float[][] images, int[] classes) {
        throw new UnsupportedOperationException(NO_SALIENCY);
    }

    @Override
    public Optional<String> saliencyUnavailable() {
        return Optional.of(NO_SALIENCY);
    }

    @Override
    public String preset() {
        return PRESET;
    }

    /** The {@link #featureImportance()}, which the report draws where other models show saliency. */
    @Override
    public Optional<float[]> pixelImportance() {
        return Optional.of(featureImportance());
    }

    /**
     * Per pixel, its share of the forest's mean decrease in Gini impurity (each tree's decreases are
     * normalised to sum 1, then averaged): 784 values summing to 1, row-major like the images, for a
     * 28x28 map. A fresh copy.
     */
    public float[] featureImportance() {
        return featureImportance.clone();
    }

    public int treeCount() {
        return trees.size();
    }

    /** The number of nodes of all trees together, leaves included. */
    public int nodeCount() {
        int total = 0;
        for (DecisionTree tree : trees) {
            total += tree.nodeCount();
        }
        return total;
    }

    /** The options the forest was grown with. */
    public ForestOptions options() {
        return options;
    }

    /** Pixels per image, the length of {@link #featureImportance()}. */
    public int pixelCount() {
        return featureImportance.length;
    }

    List<DecisionTree> trees() {
        return trees;
    }

    private int[] toBytes(float[] image) {
        if (image.length != pixelCount()) {
            throw new IllegalArgumentException("an image has " + image.length + " pixels; the forest reads "
                    + pixelCount());
        }
        int[] pixels = new int[image.length];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = Math.clamp(Math.round(image[p] * 255f), 0, 255);
        }
        return pixels;
    }
}
