package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.run.Metrics;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.fashion.train.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./fashion ensemble} on two small models really trained on {@link TinyFashion}, loaded by the real loader. */
class EnsembleCommandTest {
    @TempDir
    Path data;

    @TempDir
    Path runs;

    private final TestCli cli = new TestCli();
    private Path a;
    private Path b;

    @BeforeEach
    void trainTwoModels() {
        TinyFashion.write(data, 60, 100, 3);
        cli.trainer = Training::run;
        cli.loader = new PresetModelLoader();
        a = runs.resolve("softmax-a");
        b = runs.resolve("mlp-b");
        assertEquals(0, cli.run("train", "--model", "softmax", "--epochs", "4", "--lr", "0.05", "--batch-size", "10", "--seed", "1",
                "--data", data.toString(), "--out", a.toString()).exitCode());
        assertEquals(0, cli.run("train", "--model", "mlp", "--epochs", "4", "--lr", "0.01", "--batch-size", "10", "--seed", "2",
                "--data", data.toString(), "--out", b.toString()).exitCode());
    }

    @Test
    void writesARunFolderThatTheOtherCommandsAccept() throws Exception {
        Path out = runs.resolve("ensemble");
        TestCli.Result result = cli.run("ensemble", "--runs", a.toString(), b.toString(), "--out", out.toString(),
                "--data", data.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("member 1: softmax") && result.out().contains("member 2: mlp"), result.out());
        assertTrue(result.out().contains("ensemble: validation accuracy"), result.out());
        assertTrue(Files.isRegularFile(out.resolve("members/1-softmax-a/model.safetensors")));
        assertFalse(Files.exists(out.resolve("members/1-softmax-a/checkpoint")), "checkpoints are not copied");
        Map<String, Object> config = JsonFields.object(JsonFields.read(out.resolve(RunDirectory.CONFIG)), "config");
        assertEquals("ensemble", config.get("model"));
        assertEquals(List.of("members/1-softmax-a", "members/2-mlp-b"), config.get("members"));
        Metrics metrics = MetricsFile.read(out.resolve(RunDirectory.METRICS));
        assertTrue(metrics.testAccuracy() > 0.5, metrics.test().toString());

        TestCli.Result evaluated = cli.run("evaluate", "--run", out.toString(), "--data", data.toString());
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().contains("preset ensemble"), evaluated.out());
        assertEquals(0, cli.run("report", "--run", out.toString(), "--data", data.toString()).exitCode());
        assertTrue(Files.isRegularFile(out.resolve(RunDirectory.REPORT)));
        Path compared = runs.resolve("compared");
        TestCli.Result compare = cli.run("compare", "--runs", out.toString(), a.toString(), "--out", compared.toString(),
                "--data", data.toString());
        assertEquals(0, compare.exitCode(), compare.err());
        assertTrue(compare.out().contains("ensemble"), compare.out());
    }

    @Test
    void theEnsembleStandsAloneWhenItsSourcesAreGone() throws Exception {
        Path out = runs.resolve("ensemble");
        assertEquals(0, cli.run("ensemble", "--runs", a.toString(), b.toString(), "--out", out.toString(),
                "--data", data.toString()).exitCode());
        Files.delete(a.resolve(RunDirectory.MODEL));
        assertEquals(0, cli.run("evaluate", "--run", out.toString(), "--data", data.toString()).exitCode());
    }

    @Test
    void anEnsembleThatFailsLeavesNoFolderBehind() throws Exception {
        Files.write(b.resolve(RunDirectory.MODEL), new byte[] {1, 2, 3}); // a member whose weights cannot be read
        Path out = runs.resolve("ensemble");
        TestCli.Result result = cli.run("ensemble", "--runs", a.toString(), b.toString(), "--out", out.toString(),
                "--data", data.toString());
        assertEquals(1, result.exitCode(), result.out());
        assertFalse(Files.exists(out), "a failed ensemble leaves nothing: " + out);
    }

    @Test
    void refusesOneRunAnUnfinishedRunAndAUsedFolder() throws Exception {
        Path out = runs.resolve("ensemble");
        assertEquals(2, cli.run("ensemble", "--runs", a.toString(), "--out", out.toString(),
                "--data", data.toString()).exitCode());
        Path unfinished = Files.createDirectories(runs.resolve("unfinished"));
        TestCli.Result result = cli.run("ensemble", "--runs", a.toString(), unfinished.toString(), "--out",
                out.toString(), "--data", data.toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("has no trained model"), result.err());
        Files.createDirectories(out);
        Files.writeString(out.resolve("note"), "mine");
        assertEquals(2, cli.run("ensemble", "--runs", a.toString(), b.toString(), "--out", out.toString(),
                "--data", data.toString()).exitCode());
    }
}
