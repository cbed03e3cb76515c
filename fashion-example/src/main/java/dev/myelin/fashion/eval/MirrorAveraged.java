package dev.myelin.fashion.eval;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.TrainedModel;
import java.util.List;
import java.util.Optional;

/**
 * Test-time augmentation ({@code evaluate --tta}): a model's class probabilities averaged over each image
 * and its left-right mirror. The training augmentation flips clothes that way, so the network has
 * learnt both views, and their errors are partly independent. Its logits are the logarithms of the
 * averaged probabilities, as {@link TrainedModel#logits} asks.
 */
public final class MirrorAveraged implements TrainedModel {
    private final TrainedModel model;

    public MirrorAveraged(TrainedModel model) {
        this.model = model;
    }

    @Override
    public float[][] logits(float[][] images) {
        float[][] plain = Inference.probabilities(model, images);
        float[][] mirrored = Inference.probabilities(model, mirrored(images));
        float[][] out = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            out[i] = new float[plain[i].length];
            for (int c = 0; c < out[i].length; c++) {
                out[i][c] = (float) Math.log((plain[i][c] + mirrored[i][c]) / 2.0);
            }
        }
        return out;
    }

    /** The saliency of the model on the image as it is: a map of two views would blur both. */
    @Override
    public float[][] saliency(float[][] images, int[] classes) {
        return model.saliency(images, classes);
    }

    @Override
    public Optional<String> saliencyUnavailable() {
        return model.saliencyUnavailable();
    }

    @Override
    public Optional<float[]> pixelImportance() {
        return model.pixelImportance();
    }

    @Override
    public List<Integer> classes() {
        return model.classes();
    }

    @Override
    public List<String> nonFiniteWeights() {
        return model.nonFiniteWeights();
    }

    @Override
    public String preset() {
        return model.preset();
    }

    /** Each 28x28 image flipped left to right. */
    static float[][] mirrored(float[][] images) {
        int rows = FashionMnist.ROWS;
        int cols = FashionMnist.COLS;
        float[][] out = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            float[] src = images[i];
            float[] dst = new float[src.length];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    dst[r * cols + c] = src[r * cols + cols - 1 - c];
                }
            }
            out[i] = dst;
        }
        return out;
    }
}
