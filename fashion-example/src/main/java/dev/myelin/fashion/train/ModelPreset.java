package dev.myelin.fashion.train;

import java.util.Locale;

/** The model presets of {@code ./fashion train --model}. */
public enum ModelPreset {
    /** A multilayer perceptron: quick, a baseline. */
    MLP,
    /** A small convolutional network: the default. */
    CNN,
    /** The strongest preset: wider, with batch norm, augmentation and a schedule. */
    BEST;

    /** The name on the command line and in files: "mlp", "cnn", "best". */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
