package dev.myelin.fashion.train;

import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;

/** Builds the network of a preset (the linear models are one-layer networks). */
public final class Presets {
    /** The dropout probability of a network rebuilt to load its weights: evaluation mode drops nothing anyway. */
    private static final double ANY_DROPOUT = 0;

    private Presets() {
    }

    /**
     * A fresh network scoring {@code classes} classes: weights from {@code init}, dropout masks from
     * {@code noise}, each dropout layer dropping with probability {@code dropout}.
     */
    public static Module create(ModelPreset preset, int classes, double dropout, Generator init, Generator noise) {
        float p = (float) dropout;
        return switch (preset) {
            case MLP -> Networks.mlp(classes, p, init, noise);
            case CNN -> Networks.cnn(classes, init);
            case VGG -> Networks.vgg(classes, p, init, noise);
            case BEST -> create(preset.architecture(), classes, dropout, init, noise);
            case RESNET -> Networks.resnet(classes, p, init, noise);
            case SOFTMAX, SVM -> Networks.linear(classes, init);
            case KNN, FOREST -> throw new IllegalArgumentException(preset + " is a classic model, not a network");
        };
    }

    /** A network of the preset's architecture to load trained weights into (any initial weights). */
    public static Module forLoading(ModelPreset preset, int classes) {
        return create(preset, classes, ANY_DROPOUT, new Generator(0), new Generator(0));
    }
}
