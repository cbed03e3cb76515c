package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.testing.FakeRun;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    Path data;

    @TempDir
    Path runs;

    private Path run;
    private final TestCli cli = new TestCli();

    @BeforeEach
    void setUp() {
        TinyFashion.write(data, 20, 200, 11);
        run = FakeRun.create(runs.resolve("cnn-test"), 4);
    }

    @Test
    void printsTheMetricsAndWritesEvaluationJson() throws Exception {
        TestCli.Result result = cli.run("evaluate", "--run", run.toString(), "--data", data.toString());

        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        // One image in ten is drawn as the next class: the fake model gets exactly those wrong.
        assertTrue(out.contains("Accuracy 90.00%  (180 of 200 correct)"), out);
        assertTrue(out.contains("preset fake"), out);
        assertTrue(out.contains("Ankle boot"), out);
        assertTrue(out.contains("Confusion matrix (rows: true class, columns: predicted class)"), out);
        assertTrue(out.contains("Top Trous  Pull Dress  Coat  Sand Shirt Sneak   Bag  Boot"), out);

        Map<String, Object> json = JsonFields.object(JsonFields.read(run.resolve(RunDirectory.EVALUATION)), "test");
        assertEquals(0.9, (Double) json.get("accuracy"), 1e-12);
        assertEquals(200L, json.get("images"));
        List<Object> matrix = JsonFields.array(json.get("confusion_matrix"), "test");
        // Two of the twenty T-shirts show the Trouser pattern.
        assertEquals(List.of(18L, 2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), matrix.getFirst());
        assertEquals(List.of(2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 18L), matrix.getLast());
        assertEquals(10, JsonFields.array(json.get("classes"), "test").size());
    }

    @Test
    void ttaAveragesEachImageWithItsMirrorAndSaysSo() throws Exception {
        TestCli.Result result = cli.run("evaluate", "--run", run.toString(), "--data", data.toString(), "--tta");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("each averaged with its mirror (--tta)"), result.out());
        Map<String, Object> json = JsonFields.object(JsonFields.read(run.resolve(RunDirectory.EVALUATION)), "test");
        assertEquals(true, json.get("tta"));
        assertEquals(200L, json.get("images"));
    }

    @Test
    void limitEvaluatesAPrefix() {
        TestCli.Result result = cli.run("evaluate", "--run", run.toString(), "--data", data.toString(), "--limit", "50");
        assertTrue(result.out().contains("(45 of 50 correct)"), result.out());
        assertEquals(2, cli.run("evaluate", "--run", run.toString(), "--data", data.toString(), "--limit", "0").exitCode());
    }

    @Test
    void missingDataSaysHowToGetIt() {
        Path nowhere = runs.resolve("no-data");
        TestCli.Result result = cli.run("evaluate", "--run", run.toString(), "--data", nowhere.toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("fashion evaluate: Fashion-MNIST is not in " + nowhere + " (given by --data)"),
                result.err());
        assertTrue(result.err().contains("Get it with: ./fashion download --data " + nowhere), result.err());
        assertTrue(result.err().contains("or set FASHION_MNIST_DIR"), result.err());
    }

    @Test
    void theDefaultDataPlaceIsNamedToo() {
        TestCli.Result result = cli.run("evaluate", "--run", run.toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("(the default place)"), result.err());
        assertTrue(result.err().contains("Get it with: ./fashion download\n"), result.err());
    }

    @Test
    void aMissingRunIsOneClearLine() {
        TestCli.Result result = cli.run("evaluate", "--run", runs.resolve("nope").toString(), "--data", data.toString());
        assertEquals(1, result.exitCode());
        assertEquals("fashion evaluate: " + runs.resolve("nope") + ": no such run directory\n", result.err());
    }

    @Test
    void theStandardLoaderEvaluatesARealRun() throws Exception {
        Path out = runs.resolve("trained");
        dev.myelin.fashion.train.Training.run(new dev.myelin.fashion.train.TrainOptions(
                dev.myelin.fashion.train.ModelPreset.MLP, 1, 4, null, null, null, null,
                dev.myelin.fashion.train.Tuning.PRESET, 1, null, out, false, null, java.util.List.of(), data, null, null, null,
                java.util.List.of()), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        cli.loader = new dev.myelin.fashion.train.PresetModelLoader();
        TestCli.Result result = cli.run("evaluate", "--run", out.toString(), "--data", data.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().toLowerCase(java.util.Locale.ROOT).contains("accuracy"), result.out());
    }
}
