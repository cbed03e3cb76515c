package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.testing.Chromium;
import dev.myelin.fashion.testing.FakeRun;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.fashion.train.Training;
import dev.myelin.io.SafetensorsWriter;
import dev.myelin.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir
    Path data;

    @TempDir
    Path work;

    private final TestCli cli = new TestCli();

    @Test
    void trainsTheModelsScoresThemAndChoosesOnValidation() throws Exception {
        TinyFashion.write(data, 600, 200, 5);
        cli.trainer = Training::run;
        cli.loader = new PresetModelLoader();
        Path out = work.resolve("cmp");

        TestCli.Result result = cli.run("compare", "--models", "softmax,mlp", "--quick", "--threads", "1",
                "--out", out.toString(), "--data", data.toString());

        assertEquals(0, result.exitCode(), result.err());
        for (String file : List.of(CompareCommand.TABLE, CompareCommand.JSON, CompareCommand.PAGE)) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        Map<String, Object> json = JsonFields.object(JsonFields.read(out.resolve(CompareCommand.JSON)), "test");
        List<Object> models = JsonFields.array(json.get("models"), "test");
        assertEquals(2, models.size());
        Map<String, Object> softmax = JsonFields.object(models.get(0), "test");
        Map<String, Object> mlp = JsonFields.object(models.get(1), "test");
        assertEquals("softmax", softmax.get("model"));
        assertEquals(7850L, softmax.get("parameters"));
        double softmaxValidation = JsonFields.number(softmax, "validation_accuracy", "test");
        double mlpValidation = JsonFields.number(mlp, "validation_accuracy", "test");
        String expected = mlpValidation > softmaxValidation ? "mlp" : "softmax";
        assertEquals(expected, json.get("chosen"));
        assertEquals(true, JsonFields.object(expected.equals("mlp") ? mlp : softmax, "test").get("chosen"));
        assertEquals(200L, JsonFields.object(softmax.get("test"), "test").get("images"));

        String table = Files.readString(out.resolve(CompareCommand.TABLE));
        assertTrue(table.contains("| ✔ "), table);
        assertTrue(result.out().contains("the highest validation accuracy"), result.out());
        String html = Files.readString(out.resolve(CompareCommand.PAGE));
        assertFalse(html.contains("http://") || html.contains("https://"), "the page must be self-contained");
        assertTrue(html.contains("data:image/png;base64,"));
        if (Chromium.available()) {
            Chromium.ImageCount images = Chromium.decodedImages(out.resolve(CompareCommand.PAGE), work);
            assertEquals(2, images.total(), "the bar chart and the heat map");
            assertEquals(2, images.decoded(), "every image decoded");
        }
        // Each run now knows the comparison, so that its report can link to it.
        assertTrue(Files.readString(out.resolve("mlp").resolve(RunDirectory.COMPARISON)).contains("../compare.html"));
    }

    @Test
    void readsFinishedRunsWithoutTraining() throws Exception {
        TinyFashion.write(data, 20, 200, 11);
        Path a = fakeRun(work.resolve("a"), 3);
        Path b = fakeRun(work.resolve("b"), 6);
        Path out = work.resolve("cmp");

        TestCli.Result result = cli.run("compare", "--runs", a.toString(), b.toString(),
                "--out", out.toString(), "--data", data.toString());

        assertEquals(0, result.exitCode(), result.err());
        Map<String, Object> json = JsonFields.object(JsonFields.read(out.resolve(CompareCommand.JSON)), "test");
        List<Object> models = JsonFields.array(json.get("models"), "test");
        // FakeRun's validation accuracy climbs to 0.90 at the last epoch in both; the first wins the tie.
        assertEquals(true, JsonFields.object(models.get(0), "test").get("chosen"));
        assertEquals(0.9, JsonFields.number(JsonFields.object(models.get(0), "test"), "validation_accuracy", "test"), 1e-9);
        assertEquals(0.9, JsonFields.number(JsonFields.object(JsonFields.object(models.get(1), "test").get("test"),
                "test"), "accuracy", "test"), 1e-9);
        assertEquals(4L, JsonFields.object(models.get(1), "test").get("parameters"));
    }

    @Test
    void theHelpGivesTheQuickImageCount() {
        String help = cli.run("compare", "--help").out();
        assertTrue(help.contains(String.format(java.util.Locale.ROOT, "first %,d training images",
                dev.myelin.fashion.compare.QuickRecipe.IMAGES)), help);
    }

    @Test
    void unknownModelIsAUsageError() {
        TestCli.Result result = cli.run("compare", "--models", "knn,densenet", "--out", work.resolve("x").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("fashion compare: --models: unknown model 'densenet'"), result.err());
        assertEquals(1, result.err().strip().lines().count(), "one line: " + result.err());
        assertFalse(Files.exists(work.resolve("x")));
    }

    @Test
    void emptyModelListIsAUsageError() {
        TestCli.Result result = cli.run("compare", "--models", "", "--out", work.resolve("x").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--models"), result.err());
        assertFalse(Files.exists(work.resolve("x")));
    }

    @Test
    void aModelNamedTwiceIsAUsageError() {
        TestCli.Result result = cli.run("compare", "--models", "cnn,knn,cnn", "--out", work.resolve("x").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("names cnn twice"), result.err());
    }

    @Test
    void aFolderThatIsNotARunFailsBeforeAnythingIsTrained() throws Exception {
        TinyFashion.write(data, 20, 200, 11);
        Path notRun = Files.createDirectories(work.resolve("photos"));
        Path out = work.resolve("cmp");

        TestCli.Result result = cli.run("compare", "--models", "mlp", "--runs", notRun.toString(),
                "--out", out.toString(), "--data", data.toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("is not a finished run"), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertFalse(Files.exists(out), "nothing may be written");
    }

    @Test
    void aMissingRunFolderIsReported() {
        TestCli.Result result = cli.run("compare", "--runs", work.resolve("nope").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("no such folder"), result.err());
    }

    /** A FakeRun whose model file is a real (tiny) safetensors file, as compare counts its values. */
    private static Path fakeRun(Path dir, int epochs) throws Exception {
        FakeRun.create(dir, epochs);
        SafetensorsWriter.write(dir.resolve(RunDirectory.MODEL), Map.of("w", Tensor.zeros(2, 2)), Map.of());
        return dir;
    }
}
