package dev.myelin.fashion.train;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** A trained network behind the {@link TrainedModel} seam: logits in evaluation mode, and saliency by autograd. */
final class NetworkModel implements TrainedModel {
    private final Module model;
    private final ModelPreset preset;
    /** The label of each of the network's outputs: 0-9 in order, or the classes it was trained on. */
    private final int[] labels;
    private final List<String> nonFiniteWeights;

    /**
     * A network scoring the classes {@code classes} (empty: all ten, in label order), whose state-dict
     * entries {@code nonFiniteWeights} hold NaN or infinity.
     */
    NetworkModel(Module model, ModelPreset preset, List<Integer> classes, List<String> nonFiniteWeights) {
        this.model = model;
        this.nonFiniteWeights = List.copyOf(nonFiniteWeights);
        this.preset = preset;
        this.labels = classes.isEmpty() ? IntStream.range(0, FashionMnist.CLASSES).toArray()
                : classes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Ten scores per image; a class the network was not trained on scores minus infinity (probability 0). */
    @Override
    public float[][] logits(float[][] images) {
        try (var noGrad = Grad.disabled()) {
            float[][] outputs = rows(model.forward(batch(images)));
            float[][] logits = new float[images.length][FashionMnist.CLASSES];
            for (int i = 0; i < images.length; i++) {
                Arrays.fill(logits[i], Float.NEGATIVE_INFINITY);
                for (int o = 0; o < labels.length; o++) {
                    logits[i][labels[o]] = outputs[i][o];
                }
            }
            return logits;
        }
    }

    @Override
    public List<Integer> classes() {
        return Arrays.stream(labels).boxed().toList();
    }

    /** The gradient of each image's chosen class score with respect to its pixels (Simonyan et al., 2014). */
    @Override
    public float[][] saliency(float[][] images, int[] classes) {
        Tensor input = batch(images).requiresGrad(true);
        Tensor logits = model.forward(input);
        Tensor pick = Tensor.zeros(logits.dims());
        for (int i = 0; i < classes.length; i++) {
            int output = indexOf(classes[i]);
            if (output >= 0) { // a class the network does not score has no gradient: its row stays zero
                pick.array()[i * logits.dim(1) + output] = 1f;
            }
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
    public Optional<Module> network() {
        return Optional.of(model);
    }

    @Override
    public List<String> nonFiniteWeights() {
        return nonFiniteWeights;
    }

    @Override
    public String preset() {
        return preset.toString();
    }

    private int indexOf(int label) {
        for (int o = 0; o < labels.length; o++) {
            if (labels[o] == label) {
                return o;
            }
        }
        return -1;
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
