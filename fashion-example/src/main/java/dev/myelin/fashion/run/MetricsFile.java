package dev.myelin.fashion.run;

import dev.myelin.fashion.files.AtomicFiles;
import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.io.JsonException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@value RunDirectory#METRICS}, and writes the same history as
 * {@value RunDirectory#HISTORY} for spreadsheets.
 *
 * <pre>
 * {"history": [{"epoch": 1, "train_loss": 0.52, "train_accuracy": 0.81, "val_loss": 0.41,
 *               "val_accuracy": 0.85, "lr": 0.001, "seconds": 31.2, "images_per_second": 1730,
 *               "data_seconds": 0.4}, ...],
 *  "test": {"accuracy": 0.912, ...}}
 * </pre>
 */
public final class MetricsFile {
    private static final String[] COLUMNS = {
        "epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "lr", "seconds", "images_per_second", "data_seconds"
    };

    private MetricsFile() {}

    /** Reads a metrics file. */
    public static Metrics read(Path file) throws IOException {
        String where = file.toString();
        Map<String, Object> root = JsonFields.object(JsonFields.read(file), where);
        List<EpochMetrics> history = new ArrayList<>();
        Object rawHistory = root.get("history");
        if (rawHistory != null) {
            for (Object entry : JsonFields.array(rawHistory, where + " history")) {
                history.add(epoch(JsonFields.object(entry, where + " history"), where));
            }
        }
        Map<String, Object> test = new TreeMap<>();
        Object rawTest = root.get("test");
        if (rawTest != null) {
            JsonFields.object(rawTest, where + " test").forEach((key, value) -> {
                if (value != null) {
                    test.put(key, value);
                }
            });
        }
        return new Metrics(history, test);
    }

    /** Writes {@code metrics.json} and {@code history.csv} into {@code runDir}, each atomically. */
    public static void write(Path runDir, Metrics metrics) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> history = new ArrayList<>();
        for (EpochMetrics e : metrics.history()) {
            history.add(toJson(e));
        }
        root.put("history", history);
        root.put("test", new TreeMap<>(metrics.test()));
        JsonWriter.write(runDir.resolve(RunDirectory.METRICS), root);
        AtomicFiles.writeString(runDir.resolve(RunDirectory.HISTORY), csv(metrics.history()));
    }

    private static EpochMetrics epoch(Map<String, Object> o, String where) throws JsonException {
        long epoch = JsonFields.integer(o, "epoch", where);
        if (epoch < 0 || epoch > Integer.MAX_VALUE) {
            throw new JsonException(where + ": \"epoch\" is " + epoch + ", not an epoch number");
        }
        return new EpochMetrics(
                (int) epoch,
                JsonFields.number(o, "train_loss", where),
                JsonFields.number(o, "train_accuracy", where),
                JsonFields.number(o, "val_loss", where),
                JsonFields.number(o, "val_accuracy", where),
                JsonFields.number(o, "lr", where),
                JsonFields.number(o, "seconds", where),
                JsonFields.number(o, "images_per_second", where),
                JsonFields.number(o, "data_seconds", where));
    }

    private static Map<String, Object> toJson(EpochMetrics e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("epoch", e.epoch());
        o.put("train_loss", e.trainLoss());
        o.put("train_accuracy", e.trainAccuracy());
        o.put("val_loss", e.valLoss());
        o.put("val_accuracy", e.valAccuracy());
        o.put("lr", e.lr());
        o.put("seconds", e.seconds());
        o.put("images_per_second", e.imagesPerSecond());
        o.put("data_seconds", e.dataSeconds());
        return o;
    }

    private static String csv(List<EpochMetrics> history) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (EpochMetrics e : history) {
            csv.append(e.epoch());
            for (double v : new double[] {
                e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy(), e.lr(), e.seconds(), e.imagesPerSecond(),
                e.dataSeconds()
            }) {
                csv.append(',').append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "");
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
