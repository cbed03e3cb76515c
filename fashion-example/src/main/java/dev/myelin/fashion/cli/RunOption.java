package dev.myelin.fashion.cli;

import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The required {@code --run DIR} of the commands that study a trained model. */
public final class RunOption {
    @Option(names = "--run", paramLabel = "DIR", required = true,
            description = "Run directory made by ./fashion train.")
    Path dir;

    /** The run directory named by the option, which must exist. */
    RunDirectory open() throws IOException {
        return RunDirectory.open(dir);
    }

    /**
     * Loads the run's model with the context's loader; warns on the context's stderr when its weights
     * hold NaN or infinity, since everything the command then prints is meaningless.
     */
    TrainedModel loadModel(RunDirectory run, FashionContext context) throws IOException {
        TrainedModel model = run.loadModel(context.modelLoader());
        TrainedModel.nonFiniteWarning(model.nonFiniteWeights()).ifPresent(context.err()::println);
        return model;
    }
}
