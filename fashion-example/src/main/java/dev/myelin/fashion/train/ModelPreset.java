package dev.myelin.fashion.train;

import java.util.Locale;

/**
 * The models of {@code ./fashion train --model}: four neural networks, the name {@code best} for the one
 * that measured highest, and the classic models that every Fashion-MNIST study puts beside them.
 */
public enum ModelPreset {
    /** A multilayer perceptron: quick, a baseline. */
    MLP(Family.NETWORK),
    /** A small convolutional network: the default. */
    CNN(Family.NETWORK),
    /** A VGG-style network with batch norm, augmentation and a schedule: {@code best} until the resnet beat it. */
    VGG(Family.NETWORK),
    /** A small wide residual network: the slowest preset, and the most accurate. */
    RESNET(Family.NETWORK),
    /** Whichever network measured highest on validation in this project's study (docs/results.md): the resnet. */
    BEST(Family.NETWORK),
    /** k-nearest neighbours on pixels, k chosen on the validation split. */
    KNN(Family.CLASSIC),
    /** Multinomial logistic regression: one linear layer and cross-entropy. */
    SOFTMAX(Family.LINEAR),
    /** A multiclass linear SVM: one linear layer and the Crammer–Singer hinge loss. */
    SVM(Family.LINEAR),
    /** A random forest of Gini-split trees on bootstrap samples. */
    FOREST(Family.CLASSIC);

    /** How a model is trained. */
    public enum Family {
        /** A network trained by gradient descent in epochs. */
        NETWORK,
        /** A linear model, trained in epochs exactly as the networks are, with its own loss. */
        LINEAR,
        /** A model fitted in one pass, not by gradient descent: no epochs, no checkpoint. */
        CLASSIC
    }

    private final Family family;

    ModelPreset(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }

    /** Whether the model is trained epoch by epoch with an optimizer (networks and linear models). */
    public boolean trainedInEpochs() {
        return family != Family.CLASSIC;
    }

    /** The network this preset builds and the recipe it trains with: its own, or for {@link #BEST} the winner's. */
    public ModelPreset architecture() {
        return this == BEST ? RESNET : this;
    }

    /** Whether the network has dropout layers, whose probability {@code --dropout} sets. */
    public boolean hasDropout() {
        ModelPreset a = architecture();
        return a == MLP || a == VGG || a == RESNET;
    }

    /** The name on the command line and in files: "mlp", "cnn", "best", "knn", ... */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
