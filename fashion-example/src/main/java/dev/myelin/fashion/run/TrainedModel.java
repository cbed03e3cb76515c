package dev.myelin.fashion.run;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.nn.Module;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A trained classifier as the evaluate, report, predict and compare commands see it: a network, a
 * linear model or a classic model such as k-NN or a random forest.
 *
 * <p>Images are rows of {@value dev.myelin.fashion.data.FashionMnist#PIXELS} floats, 28x28 row-major,
 * scaled to [0, 1] with 0 the background (as the dataset's bytes divided by 255); any normalisation
 * the model was trained with is the model's business. Callers pass at most a few hundred images at a
 * time. Implementations run in evaluation mode (no dropout, running batch-norm statistics) and need
 * not be thread-safe.
 */
public interface TrainedModel {
    /**
     * One row of 10 class scores per image, in label order, such that their softmax is the model's
     * class probabilities (a model that gives probabilities directly returns their logarithms).
     */
    float[][] logits(float[][] images);

    /**
     * The gradient of the logit of {@code classes[i]} with respect to each pixel of {@code images[i]},
     * one row of 784 values per image. The report shows its absolute value as a heat map.
     *
     * @throws UnsupportedOperationException if {@link #saliencyUnavailable()} gives a reason
     */
    float[][] saliency(float[][] images, int[] classes);

    /**
     * Why this model has no saliency map (a forest's or k-NN's scores are not differentiable in the
     * pixels), or empty when {@link #saliency} works.
     */
    default Optional<String> saliencyUnavailable() {
        return Optional.empty();
    }

    /**
     * How much each pixel matters to the model as a whole, 784 non-negative values, for a model whose
     * saliency is unavailable but that can say where it looks (a forest's impurity decrease per
     * pixel); empty otherwise.
     */
    default Optional<float[]> pixelImportance() {
        return Optional.empty();
    }

    /**
     * The labels the model tells apart: all ten by default, fewer for a network trained with
     * {@code --classes} (it gives the others a score of minus infinity).
     */
    default List<Integer> classes() {
        return IntStream.range(0, FashionMnist.CLASSES).boxed().toList();
    }

    /**
     * The network behind the model, in evaluation mode, taking {@code (N, 1, 28, 28)} images and giving
     * one score per class of {@link #classes()}, in that order: what {@code ./fashion export} writes.
     * Empty for a model that is not one network (k-NN, a forest, an ensemble).
     */
    default Optional<Module> network() {
        return Optional.empty();
    }

    /**
     * The names of the model's weights holding NaN or infinity, as its state dict names them (for an
     * ensemble, prefixed by the member): a network whose training diverged, whose answers mean nothing.
     * Empty when every weight is finite, and for the classic models.
     */
    default List<String> nonFiniteWeights() {
        return List.of();
    }

    /**
     * The warning every command gives on stderr for a model with {@linkplain #nonFiniteWeights() non-finite
     * weights}, or empty when they are all finite.
     */
    static Optional<String> nonFiniteWarning(List<String> nonFiniteWeights) {
        if (nonFiniteWeights.isEmpty()) {
            return Optional.empty();
        }
        int shown = Math.min(nonFiniteWeights.size(), 5);
        String names = String.join(", ", nonFiniteWeights.subList(0, shown))
                + (shown < nonFiniteWeights.size() ? " and " + (nonFiniteWeights.size() - shown) + " more" : "");
        return Optional.of("warning: the model's weights hold NaN/infinity in " + names
                + ": it diverged during training; its predictions are meaningless");
    }

    /** The name of the preset the model was built from: "mlp", "cnn", "best", "knn", "softmax", "svm" or "forest". */
    String preset();
}
