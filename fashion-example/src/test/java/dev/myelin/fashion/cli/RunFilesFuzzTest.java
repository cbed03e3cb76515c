package dev.myelin.fashion.cli;

import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.io.JsonException;
import dev.myelin.testing.FileFuzz.Mutant;
import dev.myelin.testing.FileFuzz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the readers of a run folder's JSON files with mutated valid files: cuts, flipped bits, huge
 * and fractional numbers, strings with escapes and raw control bytes, duplicate keys, invalid UTF-8
 * and stray structure. {@code config.json} is read by {@link RunDirectory#config} and by
 * {@code train --config} ({@link TrainConfigFile}, whose typed failure is the usage error
 * {@code IllegalArgumentException} starting "--config FILE"), {@code metrics.json} by
 * {@link MetricsFile#read}. Each try must return or throw the typed exception naming the file within a
 * second. The counts are printed.
 */
class RunFilesFuzzTest {
    private static final int TRIES = 10_000;
    private static final FileFuzz.Tally CONFIG = new FileFuzz.Tally("RunDirectory.config (config.json)");
    private static final FileFuzz.Tally TRAIN_CONFIG = new FileFuzz.Tally("TrainConfigFile.read (train --config)");
    private static final FileFuzz.Tally METRICS = new FileFuzz.Tally("MetricsFile.read (metrics.json)");
    private static final Path DIR = FileFuzz.tempDir("json-fuzz");
    private static final String CONFIG_JSON = """
            {"model": "cnn", "epochs": 3, "batch_size": 64, "lr": null, "seed": 42, "threads": 2,
             "classes": [0, 2, 4], "augment": true, "label_smoothing": 0.1,
             "resolved": {"epochs": 3, "lr": 0.001, "optimizer": "ADAMW", "schedule": "ONECYCLE",
                          "weight_decay": 5.0E-4, "momentum": 0.9, "nesterov": false, "dropout": 0.25}}
            """;
    private static final String METRICS_JSON = """
            {"history": [{"epoch": 1, "train_loss": 0.52, "train_accuracy": 0.81, "val_loss": 0.41,
                          "val_accuracy": 0.85, "lr": 0.001, "seconds": 31.2, "images_per_second": 1730,
                          "data_seconds": 0.4},
                         {"epoch": 2, "train_loss": 0.31, "train_accuracy": 0.89, "val_loss": null,
                          "val_accuracy": null, "lr": 5.0E-4, "seconds": 30.9, "images_per_second": 1744}],
             "test": {"accuracy": 0.912, "loss": 0.25, "per_class": [0.9, 0.8]}}
            """;

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void runConfig(@ForAll("configMutants") Mutant m) throws Exception {
        Path run = Files.createDirectories(DIR.resolve("run"));
        FileFuzz.check(CONFIG, m, run.resolve(RunDirectory.CONFIG), f -> RunDirectory.open(run).config(),
                JsonException.class);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void trainConfig(@ForAll("configMutants") Mutant m) throws Exception {
        Path file = DIR.resolve("best-config.json");
        FileFuzz.check(TRAIN_CONFIG, m, file, f -> {
            TrainConfigFile c = TrainConfigFile.read(f);
            return List.of(String.valueOf(c.integer("epochs")), String.valueOf(c.number("lr")),
                    String.valueOf(c.bool("augment")), String.valueOf(c.integers("classes")));
        }, IllegalArgumentException.class);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void metrics(@ForAll("metricsMutants") Mutant m) throws Exception {
        FileFuzz.check(METRICS, m, DIR.resolve(RunDirectory.METRICS), MetricsFile::read, JsonException.class);
    }

    @AfterContainer
    static void printCountsAndCleanUp() throws IOException {
        FileFuzz.finish(DIR, CONFIG, TRAIN_CONFIG, METRICS);
    }

    @Provide
    Arbitrary<Mutant> configMutants() {
        return mutants(CONFIG_JSON);
    }

    @Provide
    Arbitrary<Mutant> metricsMutants() {
        return mutants(METRICS_JSON);
    }

    private static Arbitrary<Mutant> mutants(String json) {
        byte[] valid = FileFuzz.utf8(json);
        return Arbitraries.oneOf(
                FileFuzz.truncations(valid, json.indexOf(':')),
                FileFuzz.flips(valid),
                FileFuzz.jsonMutants(json),
                FileFuzz.jsonMutants(json).map(m -> m.then("nested 70 deep",
                        FileFuzz.utf8("[".repeat(70) + new String(m.bytes(), StandardCharsets.UTF_8)
                                + "]".repeat(70)))));
    }
}
