package dev.myelin.fashion.testing;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.TrainedModel;

/**
 * A fixed linear classifier for {@link TinyFashion}: each class's weights are its template, centred,
 * so the logit of a class is how much brighter its square is than the rest. Its saliency is exact:
 * the gradient of a linear logit is its weight row.
 */
public final class FakeModel implements TrainedModel {
    private static final float SCALE = 0.2f;

    private final float[][] weights = new float[FashionMnist.CLASSES][];
    private int calls;

    public FakeModel() {
        for (int c = 0; c < FashionMnist.CLASSES; c++) {
            float[] t = TinyFashion.template(c);
            float mean = 0;
            for (float v : t) {
                mean += v / t.length;
            }
            weights[c] = new float[t.length];
            for (int p = 0; p < t.length; p++) {
                weights[c][p] = SCALE * (t[p] - mean);
            }
        }
    }

    @Override
    public float[][] logits(float[][] images) {
        calls++;
        float[][] logits = new float[images.length][FashionMnist.CLASSES];
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != FashionMnist.PIXELS) {
                throw new IllegalArgumentException("image of " + images[i].length + " pixels");
            }
            for (int c = 0; c < FashionMnist.CLASSES; c++) {
                float sum = 0;
                for (int p = 0; p < FashionMnist.PIXELS; p++) {
                    sum += weights[c][p] * images[i][p];
                }
                logits[i][c] = sum;
            }
        }
        return logits;
    }

    @Override
    public float[][] saliency(float[][] images, int[] classes) {
        float[][] maps = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            maps[i] = weights[classes[i]].clone();
        }
        return maps;
    }

    @Override
    public String preset() {
        return "fake";
    }

    /** How many times {@link #logits} was called. */
    public int calls() {
        return calls;
    }
}
