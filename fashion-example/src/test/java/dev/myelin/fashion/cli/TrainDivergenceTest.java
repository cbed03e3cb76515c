package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.run.Metrics;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import dev.myelin.io.SafetensorsFile;
import dev.myelin.io.SafetensorsReader;
import dev.myelin.io.SafetensorsWriter;
import dev.myelin.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loss or gradient that is NaN or infinite stops training (or skips the batch), and never reaches the saved files. */
class TrainDivergenceTest {
    private static final Pattern WHERE = Pattern.compile("training diverged at step \\d+ \\(epoch \\d+, batch \\d+ of \\d+\\): ");

    @TempDir
    Path work;

    private final TestCli cli = TestCli.training();
    private Path data;

    @BeforeEach
    void setUp() {
        data = work.resolve("data");
        TinyFashion.write(data, 120, 20, 4);
    }

    @Test
    void aDivergingRunStopsNamingTheStepTheBatchAndTheParameter() {
        Path out = work.resolve("run");
        TestCli.Result result = cli.run("train", "--model", "mlp", "--optimizer", "sgd", "--lr", "1e9", "--epochs", "2", "--batch-size", "5",
                "--data", data.toString(), "--out", out.toString());

        assertEquals(1, result.exitCode(), result.out());
        assertTrue(WHERE.matcher(result.err()).find(), result.err());
        assertTrue(result.err().contains("the gradient of 1.weight holds NaN or infinity"), result.err());
        assertTrue(result.err().contains("No epoch had finished, so nothing was kept"), result.err());
        assertFalse(Files.exists(out), "a run that kept nothing leaves no folder");
    }

    @Test
    void theLastGoodCheckpointAndModelAreKept() throws Exception {
        Path out = work.resolve("run");
        assertEquals(0, cli.run("train", "--model", "mlp", "--optimizer", "sgd", "--lr", "0.01", "--schedule", "none",
                "--epochs", "3", "--stop-after", "1", "--batch-size", "5",
                "--data", data.toString(), "--out", out.toString()).exitCode());
        // A good checkpoint (finite weights) whose optimizer's learning rate will blow the next epoch up.
        Path file = out.resolve(RunDirectory.CHECKPOINT);
        SafetensorsFile good = SafetensorsReader.read(file);
        Map<String, String> metadata = new HashMap<>(good.metadata());
        metadata.replaceAll((key, value) -> key.endsWith(".lr") ? "1.0E9" : value);
        SafetensorsWriter.write(file, good.tensors(), metadata);
        byte[] checkpoint = Files.readAllBytes(file);
        byte[] model = Files.readAllBytes(out.resolve(RunDirectory.MODEL));

        TestCli.Result result = cli.run("train", "--resume", "--out", out.toString(), "--data", data.toString());

        assertEquals(1, result.exitCode(), result.out());
        assertTrue(WHERE.matcher(result.err()).find() && result.err().contains("(epoch 2, batch "), result.err());
        assertTrue(result.err().contains("The last good checkpoint and model.safetensors (best epoch) in " + out
                + " are kept"), result.err());
        assertArrayEquals(checkpoint, Files.readAllBytes(out.resolve(RunDirectory.CHECKPOINT)));
        assertArrayEquals(model, Files.readAllBytes(out.resolve(RunDirectory.MODEL)));
        Metrics metrics = MetricsFile.read(out.resolve(RunDirectory.METRICS));
        assertEquals(1, metrics.history().size());
        assertTrue(Double.isFinite(metrics.history().getFirst().trainLoss()));
        assertFalse(Files.exists(out.resolve(RunDirectory.LOCK)));
    }

    @Test
    void onNanSkipSkipsTheBadBatchesCountsThemAndSavesFiniteWeights() throws Exception {
        Path out = work.resolve("run");
        TestCli.Result result = cli.run("train", "--model", "mlp", "--optimizer", "sgd", "--lr", "1e9", "--epochs", "1", "--batch-size", "5",
                "--on-nan", "skip", "--data", data.toString(), "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        Metrics metrics = MetricsFile.read(out.resolve(RunDirectory.METRICS));
        Number skipped = (Number) metrics.test().get("skipped_batches");
        assertTrue(skipped != null && skipped.intValue() > 0, metrics.test().toString());
        assertTrue(result.out().contains("skipped " + skipped + " batches whose loss or gradient was NaN or infinite"),
                result.out());
        for (Tensor t : SafetensorsReader.read(out.resolve(RunDirectory.MODEL)).tensors().values()) {
            for (float v : t.toArray()) {
                assertTrue(Float.isFinite(v), "a saved weight is not finite");
            }
        }
    }
}
