package dev.myelin.fashion.train;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;

/** A trained network behind the {@link TrainedModel} seam: logits in evaluation mode, and saliency by autograd. */
final class NetworkModel implements TrainedModel {
    private final Module model;
    private final ModelPreset preset;

    NetworkModel(Module model, ModelPreset preset) {
        this.model = model;
        this.preset = preset;
    }

    @Override
    public float[][] logits(float[][] images) {
        try (var noGrad = Grad.disabled()) {
            return rows(model.forward(batch(images)));
        }
    }

    /** The gradient of each image's chosen class score with respect to its pixels (Simonyan et al., 2014). */
    @Override
    public float[][] saliency(float[][] images, int[] classes) {
        Tensor input = batch(images).requiresGrad(true);
        Tensor logits = model.forward(input);
        Tensor pick = Tensor.zeros(logits.dims());
        for (int i = 0; i < classes.length; i++) {
            pick.array()[i * logits.dim(1) + classes[i]] = 1f;
        }
        logits.backward(pick);
        float[][] out = new float[images.length][];
        float[] g = input.grad().toArray();
        for (int i = 0; i < images.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(g, i * FashionMnist.PIXELS, (i + 1) * FashionMnist.PIXELS);
        }
        return out;
    }

    @Override
    public String preset() {
        return preset.toString();
    }

    private static Tensor batch(float[][] images) {
        float[] flat = new float[images.length * FashionMnist.PIXELS];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, flat, i * FashionMnist.PIXELS, FashionMnist.PIXELS);
        }
        return Tensor.of(flat, images.length, 1, FashionMnist.ROWS, FashionMnist.COLS);
    }

    private static float[][] rows(Tensor t) {
        int n = t.dim(0);
        int c = t.dim(1);
        float[] v = t.toArray();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(v, i * c, (i + 1) * c);
        }
        return out;
    }
}
