package dev.myelin.fashion.eval;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.run.TrainedModel;
import java.util.Arrays;

/** Runs a trained model over images in batches and turns its logits into probabilities. */
public final class Inference {
    /** Images per call to the model: large enough to keep the kernels busy, small enough for memory. */
    public static final int BATCH = 256;

    private Inference() {}

    /**
     * The images a model is measured on: all of {@code images}, or for a network trained with
     * {@code --classes} only those of its classes (it cannot score the others).
     */
    public static ImageSet measuredOn(TrainedModel model, ImageSet images) {
        return model.classes().size() < FashionMnist.CLASSES ? images.withLabelsIn(model.classes()) : images;
    }

    /** Class probabilities for every image of {@code images}, one row per image. */
    public static float[][] probabilities(TrainedModel model, ImageSet images) {
        float[][] probabilities = new float[images.size()][];
        for (int from = 0; from < images.size(); from += BATCH) {
            int to = Math.min(images.size(), from + BATCH);
            float[][] rows = probabilities(model, images.images(from, to));
            System.arraycopy(rows, 0, probabilities, from, rows.length);
        }
        return probabilities;
    }

    /** Class probabilities for each of {@code images}. */
    public static float[][] probabilities(TrainedModel model, float[][] images) {
        float[][] logits = model.logits(images);
        if (logits.length != images.length) {
            throw new IllegalStateException("the model gave " + logits.length + " rows of logits for " + images.length + " images");
        }
        float[][] probabilities = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            if (logits[i].length != FashionMnist.CLASSES) {
                throw new IllegalStateException("the model gave " + logits[i].length + " scores for an image, not "
                        + FashionMnist.CLASSES);
            }
            probabilities[i] = softmax(logits[i]);
        }
        return probabilities;
    }

    /** Softmax, shifted by the maximum so that large logits do not overflow. */
    public static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] exp = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            exp[i] = Math.exp(logits[i] - max);
            sum += exp[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (exp[i] / sum);
        }
        return p;
    }

    /** The index of the largest value (the first one on ties). */
    public static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The predicted class of each row. */
    public static int[] predictions(float[][] probabilities) {
        int[] predicted = new int[probabilities.length];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = argmax(probabilities[i]);
        }
        return predicted;
    }

    /** The indices of the {@code k} largest values, largest first. */
    public static int[] topK(float[] values, int k) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(values[b], values[a]));
        int[] top = new int[Math.min(k, values.length)];
        for (int i = 0; i < top.length; i++) {
            top[i] = order[i];
        }
        return top;
    }
}
