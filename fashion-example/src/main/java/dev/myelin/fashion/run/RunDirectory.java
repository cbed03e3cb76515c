package dev.myelin.fashion.run;

import dev.myelin.fashion.json.JsonFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder of one training run, with the names of the files in it.
 *
 * <pre>
 * runs/cnn-20260101-120000/
 *   model.safetensors   the trained weights
 *   checkpoint          model, optimizer, RNG and epoch, for --resume
 *   config.json         the options the run was trained with
 *   metrics.json        per-epoch history and final test metrics
 *   history.csv         the same history as a table
 *   evaluation.json     written by ./fashion evaluate
 *   report.html         written by ./fashion report
 *   comparison.json     written by ./fashion compare: where its page is (see compare.ComparisonLink)
 *   members/            an ensemble's member runs, instead of model.safetensors
 *   run.lock            while a process writes the folder: who (see RunLock)
 * </pre>
 */
public final class RunDirectory {
    public static final String MODEL = "model.safetensors";
    public static final String CHECKPOINT = "checkpoint";
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.json";
    public static final String HISTORY = "history.csv";
    public static final String EVALUATION = "evaluation.json";
    public static final String REPORT = "report.html";
    public static final String COMPARISON = "comparison.json";
    /** The folder of an ensemble's member runs (see {@code ensemble.EnsembleRun}). */
    public static final String MEMBERS = "members";
    /** Present while a process writes the folder (see {@link RunLock}). */
    public static final String LOCK = "run.lock";

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** Opens an existing run folder. */
    public static RunDirectory open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such run directory");
        }
        return new RunDirectory(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The path of one of the run's files, such as {@code file(MODEL)}. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The folder's name, such as {@code cnn-20260101-120000}. */
    public String name() {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? dir.toString() : name.toString();
    }

    /** Loads the trained model with {@code loader}, after checking that the weights are there. */
    public TrainedModel loadModel(ModelLoader loader) throws IOException {
        if (!Files.isRegularFile(file(MODEL)) && !Files.isDirectory(file(MEMBERS))) {
            throw new NoSuchFileException(file(MODEL).toString(), null,
                    "the run has no trained model (did its training finish?)");
        }
        return loader.load(this);
    }

    /** The weight files of the run: its own, or for an ensemble every member's. */
    public List<Path> modelFiles() throws IOException {
        if (Files.isRegularFile(file(MODEL))) {
            return List.of(file(MODEL));
        }
        if (!Files.isDirectory(file(MEMBERS))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(file(MEMBERS))) {
            return files.filter(f -> f.getFileName().toString().equals(MODEL)).sorted().toList();
        }
    }

    /** The run's configuration, if it has a {@value #CONFIG}. */
    public Optional<Map<String, Object>> config() throws IOException {
        Path file = file(CONFIG);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(JsonFields.object(JsonFields.read(file), file.toString()));
    }

    /** The run's metrics, if it has a {@value #METRICS}. */
    public Optional<Metrics> metrics() throws IOException {
        Path file = file(METRICS);
        return Files.isRegularFile(file) ? Optional.of(MetricsFile.read(file)) : Optional.empty();
    }
}
