package dev.myelin.fashion.ensemble;

import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.fashion.run.Metrics;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.ModelLoader;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.io.JsonException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run folder of an ensemble ({@code ./fashion ensemble}). It holds a copy of each member run (its
 * config, weights and metrics, not its checkpoint) under {@value RunDirectory#MEMBERS}, so that it stays
 * whole when the original runs are moved or deleted:
 *
 * <pre>
 * runs/ensemble/
 *   config.json       {"model": "ensemble", "members": ["members/1-cnn-a", ...], "sources": [...]}
 *   metrics.json      the ensemble's validation and test figures, and each member's
 *   members/1-cnn-a/  config.json, model.safetensors, metrics.json of the first member
 * </pre>
 */
public final class EnsembleRun {
    private static final List<String> NOT_COPIED = List.of(RunDirectory.CHECKPOINT, RunDirectory.REPORT,
            RunDirectory.EVALUATION, RunDirectory.COMPARISON);

    private EnsembleRun() {
    }

    /**
     * Writes an ensemble of {@code runs} to {@code out} and measures it on {@code validation} and
     * {@code test}, printing each member's test accuracy and the ensemble's.
     */
    public static EnsembleModel create(List<RunDirectory> runs, Path out, ModelLoader loader, ImageSet validation,
            ImageSet test, PrintStream print) throws IOException {
        Files.createDirectories(out.resolve(RunDirectory.MEMBERS));
        List<String> memberDirs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<TrainedModel> models = new ArrayList<>();
        List<Map<String, Object>> memberFigures = new ArrayList<>();
        double trainingSeconds = 0;
        for (int i = 0; i < runs.size(); i++) {
            RunDirectory source = runs.get(i);
            String relative = RunDirectory.MEMBERS + "/" + (i + 1) + "-" + source.name();
            copyRun(source.dir(), out.resolve(relative));
            TrainedModel model = RunDirectory.open(out.resolve(relative)).loadModel(loader);
            double accuracy = accuracy(model, test);
            print.printf(Locale.ROOT, "  member %d: %-8s %s  test accuracy %.2f%%%n", i + 1, model.preset(),
                    source.dir(), 100 * accuracy);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("run", relative);
            figures.put("preset", model.preset());
            figures.put("test_accuracy", accuracy);
            memberFigures.add(figures);
            memberDirs.add(relative);
            sources.add(source.dir().toString());
            models.add(model);
            trainingSeconds += source.metrics().map(m -> m.test().get("training_seconds") instanceof Number n
                    ? n.doubleValue() : 0.0).orElse(0.0);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", EnsembleModel.PRESET);
        config.put("members", memberDirs);
        config.put("sources", sources);
        JsonWriter.write(out.resolve(RunDirectory.CONFIG), config);

        EnsembleModel ensemble = new EnsembleModel(models);
        float[][] probabilities = Inference.probabilities(ensemble, test);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("accuracy", accuracy(probabilities, test.labels()));
        figures.put("loss", crossEntropy(probabilities, test.labels()));
        figures.put("images", test.size());
        figures.put("best_validation_accuracy", accuracy(ensemble, validation));
        figures.put("training_seconds", trainingSeconds);
        figures.put("members", memberFigures);
        MetricsFile.write(out, new Metrics(List.of(), figures));
        return ensemble;
    }

    /** Loads the ensemble of the run folder {@code run}, each member with {@code loader}. */
    public static EnsembleModel load(RunDirectory run, Map<String, Object> config, ModelLoader loader) throws IOException {
        List<TrainedModel> members = new ArrayList<>();
        try {
            for (Object member : JsonFields.array(config.get("members"), "members")) {
                Path dir = run.dir().resolve(String.valueOf(member)).normalize();
                if (!dir.startsWith(run.dir().normalize())) {
                    throw new IOException(run.file(RunDirectory.CONFIG) + ": member " + member + " is outside the run");
                }
                members.add(RunDirectory.open(dir).loadModel(loader));
            }
        } catch (JsonException e) {
            throw new IOException(run.file(RunDirectory.CONFIG) + ": \"members\" must list the member folders", e);
        }
        if (members.size() < 2) {
            throw new IOException(run.file(RunDirectory.CONFIG) + ": an ensemble needs at least two members, not "
                    + members.size());
        }
        return new EnsembleModel(members);
    }

    private static void copyRun(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!(file.getParent().equals(from) && NOT_COPIED.contains(file.getFileName().toString()))) {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static double accuracy(TrainedModel model, ImageSet images) {
        return images.size() == 0 ? Double.NaN : accuracy(Inference.probabilities(model, images), images.labels());
    }

    private static double accuracy(float[][] probabilities, int[] labels) {
        int[] predicted = Inference.predictions(probabilities);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    /** The mean of -log p(true class), with p floored at 1e-12 so that one confident mistake stays finite. */
    private static double crossEntropy(float[][] probabilities, int[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Math.log(Math.max(1e-12, probabilities[i][labels[i]]));
        }
        return sum / labels.length;
    }
}
