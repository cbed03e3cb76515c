package dev.myelin.fashion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.run.Metrics;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classic models through {@code train}, and the commands that read their run folders. */
class ClassicTrainingTest {
    @TempDir
    static Path data;

    @TempDir
    Path runs;

    @BeforeAll
    static void writeData() {
        TinyFashion.write(data, 600, 200, 3);
    }

    private static TrainOptions options(ModelPreset model, Path out, Integer trees) {
        return new TrainOptions(model, null, TrainOptions.DEFAULT_BATCH_SIZE, null, null, null, null, Tuning.PRESET, 7, 2, out,
                false, null, List.of(), data, null, trees, null, List.of());
    }

    private static String train(TrainOptions options) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Training.run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void knnChoosesKOnValidationAndWritesARunFolder() throws Exception {
        Path out = runs.resolve("knn");
        String log = train(options(ModelPreset.KNN, out, null));

        assertTrue(log.contains("chosen on the validation images"), log);
        Metrics metrics = MetricsFile.read(out.resolve(RunDirectory.METRICS));
        assertTrue(metrics.history().isEmpty(), "no epochs");
        long k = (Long) metrics.test().get("k");
        assertTrue(List.of(1L, 3L, 5L, 7L, 9L).contains(k), "k = " + k);
        Map<String, Object> byK = JsonFields.object(metrics.test().get("validation_accuracy_by_k"), "test");
        assertEquals(5, byK.size());
        double validation = (Double) metrics.test().get("best_validation_accuracy");
        assertEquals(validation, (Double) byK.get(Long.toString(k)), 0);
        for (Object accuracy : byK.values()) {
            assertTrue((Double) accuracy <= validation, "the chosen k has the best validation accuracy");
        }
        // TinyFashion draws one image in ten as the next class: a model that reads the pattern scores 90%.
        assertEquals(0.9, metrics.testAccuracy(), 0.03);
        assertTrue(Files.isRegularFile(out.resolve(RunDirectory.CONFIG)));
        assertFalse(Files.exists(out.resolve(RunDirectory.CHECKPOINT)), "nothing to resume");
    }

    @Test
    void theForestIsTheSameForASeedAndItsRunWorksWithEveryCommand() throws Exception {
        Path first = runs.resolve("forest-a");
        Path second = runs.resolve("forest-b");
        train(options(ModelPreset.FOREST, first, 12));
        train(options(ModelPreset.FOREST, second, 12));

        assertArrayEquals(Files.readAllBytes(first.resolve(RunDirectory.MODEL)),
                Files.readAllBytes(second.resolve(RunDirectory.MODEL)), "deterministic for a seed");
        Metrics metrics = MetricsFile.read(first.resolve(RunDirectory.METRICS));
        assertEquals(12L, metrics.test().get("trees"));
        Map<String, Object> config = RunDirectory.open(first).config().orElseThrow();
        assertEquals(12L, config.get("trees"));
        assertFalse(config.containsKey("epochs") || config.containsKey("lr"), "only what applies to a forest: " + config);
        assertEquals(0.9, metrics.testAccuracy(), 0.05);

        TestCli cli = new TestCli();
        cli.loader = new PresetModelLoader();
        TestCli.Result evaluate = cli.run("evaluate", "--run", first.toString(), "--data", data.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.out().contains("preset forest"), evaluate.out());
        TestCli.Result report = cli.run("report", "--run", first.toString(), "--data", data.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains("Saliency maps left out: a random forest"), report.out());
        String html = Files.readString(first.resolve(RunDirectory.REPORT));
        assertFalse(html.contains("<section id=\"curves\">"));
        assertTrue(html.contains("alt=\"Pixel importance map\""), "the forest shows where it looks instead");
        TestCli.Result predict = cli.run("predict", "--run", first.toString(), "--data", data.toString(), "--index", "3");
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(predict.out().contains("Dress"), predict.out());
    }

    @Test
    void theLinearModelsTrainInEpochs() throws Exception {
        for (ModelPreset model : List.of(ModelPreset.SOFTMAX, ModelPreset.SVM)) {
            Path out = runs.resolve(model.toString());
            train(new TrainOptions(model, 3, 32, null, null, null, null, Tuning.PRESET, 7, 1, out, false, null, List.of(), data,
                    null, null, null, List.of()));
            Metrics metrics = MetricsFile.read(out.resolve(RunDirectory.METRICS));
            assertEquals(3, metrics.history().size(), model.toString());
            assertTrue(metrics.testAccuracy() > 0.8, model + ": " + metrics.testAccuracy());
        }
    }
}
