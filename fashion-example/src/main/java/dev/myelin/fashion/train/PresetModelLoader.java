package dev.myelin.fashion.train;

import dev.myelin.fashion.run.ModelLoader;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.io.StateDict;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** Rebuilds a run's preset from its {@code config.json} and loads its {@code model.safetensors}. */
public final class PresetModelLoader implements ModelLoader {
    @Override
    public TrainedModel load(RunDirectory run) throws IOException {
        Map<String, Object> config = run.config().orElseThrow(() ->
                new IOException(run.dir() + ": no " + RunDirectory.CONFIG + ", so the model preset is unknown"));
        Object name = config.get("model");
        ModelPreset preset;
        try {
            preset = ModelPreset.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IOException(run.file(RunDirectory.CONFIG) + ": unknown model preset '" + name + "'", e);
        }
        Module model = Presets.create(preset, new Generator(0), new Generator(0));
        StateDict.load(model, run.file(RunDirectory.MODEL));
        model.eval();
        return new NetworkModel(model, preset);
    }
}
