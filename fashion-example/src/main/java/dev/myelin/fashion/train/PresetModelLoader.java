package dev.myelin.fashion.train;

import dev.myelin.fashion.run.ModelLoader;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;

/** Rebuilds a run's preset from its {@code config.json} and loads its {@code model.safetensors}. */
public final class PresetModelLoader implements ModelLoader {
    @Override
    public TrainedModel load(RunDirectory run) {
        throw new UnsupportedOperationException("loading a trained model arrives with the model presets");
    }
}
