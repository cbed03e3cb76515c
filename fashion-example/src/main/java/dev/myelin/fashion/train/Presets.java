package dev.myelin.fashion.train;

import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;

/** Builds the network of a preset (the linear models are one-layer networks). */
public final class Presets {
    private Presets() {
    }

    /** A fresh network: weights from {@code init}, dropout masks from {@code dropout}. */
    public static Module create(ModelPreset preset, Generator init, Generator dropout) {
        return switch (preset) {
            case MLP -> Networks.mlp(init, dropout);
            case CNN -> Networks.cnn(init);
            case BEST -> Networks.best(init, dropout);
            case SOFTMAX, SVM -> Networks.linear(init);
            case KNN, FOREST -> throw new IllegalArgumentException(preset + " is a classic model, not a network");
        };
    }
}
