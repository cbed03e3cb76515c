package dev.myelin.fashion.testing;

import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.fashion.run.EpochMetrics;
import dev.myelin.fashion.run.Metrics;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run directory as training would leave it, with made-up but plausible numbers. */
public final class FakeRun {
    private FakeRun() {}

    public static Path create(Path dir, int epochs) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(RunDirectory.MODEL), new byte[] {0});
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("model", "cnn");
            config.put("epochs", epochs);
            config.put("batch_size", 64);
            config.put("lr", null);
            config.put("seed", 42);
            JsonWriter.write(dir.resolve(RunDirectory.CONFIG), config);
            List<EpochMetrics> history = new ArrayList<>();
            for (int e = 1; e <= epochs; e++) {
                double t = e / (double) epochs;
                history.add(new EpochMetrics(e, 0.9 * Math.exp(-2 * t) + 0.15, 0.70 + 0.25 * t,
                        0.8 * Math.exp(-1.5 * t) + 0.25, 0.72 + 0.18 * t, 1e-3 * (1 - t / 2), 31.5 - e * 0.1, 1900 + 10 * e));
            }
            MetricsFile.write(dir, new Metrics(history, Map.of("accuracy", 0.9, "loss", 0.3)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
