package dev.myelin.fashion.train;

import dev.myelin.fashion.classic.ModelFileException;
import dev.myelin.fashion.classic.forest.ForestFile;
import dev.myelin.fashion.classic.forest.RandomForest;
import dev.myelin.fashion.classic.knn.KnnFile;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.ensemble.EnsembleModel;
import dev.myelin.fashion.ensemble.EnsembleRun;
import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.run.ModelLoader;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.io.JsonException;
import dev.myelin.io.StateDict;
import dev.myelin.nn.LoadReport;
import dev.myelin.nn.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rebuilds a run's model from its {@code config.json} and {@code model.safetensors}: a network preset
 * (its weights loaded into a fresh network), or a classic model read by its own file format.
 */
public final class PresetModelLoader implements ModelLoader {
    /** Loads the trained model of the run in {@code dir}, whatever its kind. */
    public static TrainedModel loadRun(Path dir) throws IOException {
        return RunDirectory.open(dir).loadModel(new PresetModelLoader());
    }

    @Override
    public TrainedModel load(RunDirectory run) throws IOException {
        Map<String, Object> config = run.config().orElseThrow(() ->
                new IOException(run.dir() + ": no " + RunDirectory.CONFIG + ", so the model preset is unknown"));
        Object name = config.get("model");
        if (EnsembleModel.PRESET.equals(name)) {
            return EnsembleRun.load(run, config, this);
        }
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
        List<Integer> classes = classes(run, config.get("classes"));
        Module model = Presets.forLoading(architecture(run, preset, config.get("architecture")),
                classes.isEmpty() ? FashionMnist.CLASSES : classes.size());
        LoadReport report = StateDict.load(model, run.file(RunDirectory.MODEL));
        model.eval();
        return new NetworkModel(model, preset, classes, report.nonFiniteKeys());
    }

    /**
     * The network a run's weights belong to: the config's "architecture" when it names one (a
     * {@code best} run says which network {@code best} stood for); for a {@code best} run from before
     * that key, the network {@code best} was then, {@link ModelPreset#VGG}.
     */
    private static ModelPreset architecture(RunDirectory run, ModelPreset preset, Object value) throws IOException {
        if (value == null) {
            return preset == ModelPreset.BEST ? ModelPreset.VGG : preset;
        }
        try {
            ModelPreset named = ModelPreset.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
            if (named.family() == ModelPreset.Family.NETWORK && named != ModelPreset.BEST) {
                return named;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IOException(run.file(RunDirectory.CONFIG) + ": unknown architecture '" + value + "'");
    }

    /** The config's "classes": the labels a model trained with --classes scores, or empty for all ten. */
    private static List<Integer> classes(RunDirectory run, Object value) throws IOException {
        if (value == null) {
            return List.of();
        }
        List<Integer> classes = new ArrayList<>();
        try {
            for (Object c : JsonFields.array(value, "classes")) {
                long label = (Long) c;
                if (label < 0 || label >= FashionMnist.CLASSES || classes.contains((int) label)) {
                    throw new ClassCastException();
                }
                classes.add((int) label);
            }
        } catch (JsonException | ClassCastException e) {
            throw new IOException(run.file(RunDirectory.CONFIG) + ": \"classes\" must list distinct labels 0-9, not "
                    + value, e);
        }
        return classes;
    }
}
