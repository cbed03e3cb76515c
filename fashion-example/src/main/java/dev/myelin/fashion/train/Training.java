package dev.myelin.fashion.train;

import java.io.PrintStream;

/** Trains a model preset on Fashion-MNIST and writes the run directory. */
public final class Training {
    private Training() {}

    /**
     * Trains as {@code options} say, printing progress to {@code out}, and writes the run directory
     * {@code options.out()} (see {@link dev.myelin.fashion.run.RunDirectory}).
     */
    public static void run(TrainOptions options, PrintStream out) throws Exception {
        throw new UnsupportedOperationException("training arrives with the model presets");
    }
}
