package dev.myelin.fashion.run;

import java.io.IOException;

/** Rebuilds the trained model of a run from the files in its directory. */
@FunctionalInterface
public interface ModelLoader {
    /**
     * @param run a run whose {@value RunDirectory#MODEL} exists
     * @throws IOException if the files cannot be read or do not fit the preset in the run's config
     */
    TrainedModel load(RunDirectory run) throws IOException;
}
