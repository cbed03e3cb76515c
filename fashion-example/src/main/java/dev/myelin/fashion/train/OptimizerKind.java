package dev.myelin.fashion.train;

import java.util.Locale;

/** The optimizers of {@code ./fashion train --optimizer}. */
public enum OptimizerKind {
    SGD,
    ADAM,
    ADAMW;

    /** The name on the command line and in files: "sgd", "adam", "adamw". */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
