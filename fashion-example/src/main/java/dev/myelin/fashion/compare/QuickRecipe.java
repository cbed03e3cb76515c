package dev.myelin.fashion.compare;

import dev.myelin.fashion.train.ModelPreset;

/**
 * How {@code compare --quick} shortens training: every model sees the first {@value #IMAGES} training
 * images (of which the last sixth is held out for validation), and the models trained in epochs run
 * fewer (the networks' schedules are short, so they still anneal). The counts were chosen so that
 * the whole default table, all seven models, appears in about two minutes on two idle cores, and
 * under five when the machine is shared.
 */
public final class QuickRecipe {
    /** Training images, validation included. */
    public static final int IMAGES = 10_000;

    private QuickRecipe() {
    }

    /** The epochs of a quick run, or null for a model not trained in epochs. */
    public static Integer epochs(ModelPreset model) {
        return switch (model) {
            case MLP -> 15;
            case CNN -> 12;
            case VGG -> 6;
            case RESNET -> 4;
            case BEST -> epochs(model.architecture());
            case SOFTMAX, SVM -> 20;
            case KNN, FOREST -> null;
        };
    }
}
