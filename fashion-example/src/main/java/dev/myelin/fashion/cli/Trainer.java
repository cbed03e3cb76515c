package dev.myelin.fashion.cli;

import dev.myelin.fashion.train.TrainOptions;
import java.io.PrintStream;

/** What {@code ./fashion train} calls once its options are parsed and the data is present. */
@FunctionalInterface
public interface Trainer {
    void train(TrainOptions options, PrintStream out) throws Exception;
}
