package dev.myelin.fashion.train;

import dev.myelin.fashion.classic.ModelFileException;
import dev.myelin.fashion.classic.forest.ForestFile;
import dev.myelin.fashion.classic.forest.RandomForest;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.classic.knn.KnnFile;
import dev.myelin.fashion.run.ModelLoader;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.io.StateDict;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Rebuilds a run's model from its {@code config.json} and {@code model.safetensors}: a network preset
 * (its weights loaded into a fresh network), or a classic model read by its own file format.
 */
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
        switch (preset) {
            case KNN -> {
                return KnnFile.load(run.file(RunDirectory.MODEL));
            }
            case FOREST -> {
                RandomForest forest = ForestFile.load(run.file(RunDirectory.MODEL));
                if (forest.pixelCount() != FashionMnist.PIXELS) {
                    throw new ModelFileException(run.file(RunDirectory.MODEL), "a forest over "
                            + forest.pixelCount() + " pixels, not Fashion-MNIST's " + FashionMnist.PIXELS);
                }
                return forest;
            }
            default -> { }
        }
        Module model = Presets.create(preset, new Generator(0), new Generator(0));
        StateDict.load(model, run.file(RunDirectory.MODEL));
        model.eval();
        return new NetworkModel(model, preset);
    }
}
