package dev.myelin.fashion.cli;

import dev.myelin.fashion.json.JsonFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.run.EpochMetrics;
import dev.myelin.fashion.run.Metrics;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.testing.ChildFashion;
import dev.myelin.fashion.testing.TinyFashion;
import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.io.Checkpoint;
import dev.myelin.io.SafetensorsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training killed at any moment loses nothing: every file in the run folder stays readable, and
 * {@code --resume} ends with the weights and history of a run that was never interrupted.
 */
class TrainKillTest {
    private static final int KILLS = 20;

    @TempDir
    Path work;

    private ChildFashion children;
    private Path data;

    private String[] train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--model", "mlp", "--epochs", "6", "--batch-size", "5",
                "--seed", "3", "--threads", "1", "--data", data.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The command that carries on with {@code out}, whatever a kill left there. */
    private String[] carryOn(Path out) {
        return Files.exists(out.resolve(RunDirectory.CONFIG)) ? train(out, "--resume") : train(out);
    }

    @Test
    void twentyKillsAtRandomMomentsLoseNothingAndResumeEndsWithTheUninterruptedWeights() throws Exception {
        data = work.resolve("data");
        TinyFashion.write(data, 300, 30, 5);
        children = new ChildFashion(work.resolve("logs"), ChildFashion.QUICK_START); // 20 lives: start quickly
        Path reference = work.resolve("reference");
        long start = System.nanoTime();
        ChildFashion.Child whole = children.start(train(reference));
        assertEquals(0, whole.waitFor(120), whole.stderr());
        long life = (System.nanoTime() - start) / 1_000_000;

        Random random = new Random(20261206);
        int kills = 0;
        int round = 0;
        Path out = work.resolve("run-0");
        while (kills < KILLS) {
            ChildFashion.Child child = children.start(carryOn(out));
            long delay = (long) (life * (0.05 + 0.55 * random.nextDouble()));
            if (!child.process().waitFor(delay, TimeUnit.MILLISECONDS)) {
                child.process().destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                child.process().waitFor();
                kills++;
                assertEveryFileReadable(out);
            } else {
                assertEquals(0, child.process().exitValue(), child.stdout() + child.stderr());
            }
            if (finished(out)) { // this run got through between kills: check it, and start another
                assertSameAsReference(out, reference);
                out = work.resolve("run-" + ++round);
            }
        }
        if (!finished(out)) {
            ChildFashion.Child last = children.start(carryOn(out));
            assertEquals(0, last.waitFor(120), last.stdout() + last.stderr());
        }
        assertSameAsReference(out, reference);
        System.out.printf("TrainKillTest: %d SIGKILLs over %d runs (one uninterrupted run: %d ms)%n", kills, round + 1, life);
    }

    @Test
    void anEpochCutShortByCtrlCIsCoveredWholeInTheHistory() throws Exception {
        data = work.resolve("data");
        TinyFashion.write(data, 1200, 30, 5);
        children = new ChildFashion(work.resolve("logs"), ChildFashion.QUICK_START);
        Path reference = work.resolve("reference");
        String[] options = {"--epochs", "2", "--batch-size", "1", "--model", "mlp", "--seed", "3", "--threads", "1"};
        ChildFashion.Child whole = children.start(withOptions(reference, options));
        assertEquals(0, whole.waitFor(120), whole.stderr());

        for (int attempt = 0; ; attempt++) {
            Path out = work.resolve("cut-" + attempt);
            ChildFashion.Child child = children.start(withOptions(out, options));
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!child.stdout().contains("epoch 1/2   30%") && child.process().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            child.process().destroy(); // SIGTERM, as Ctrl-C: the checkpoint is written inside the epoch
            child.waitFor(60);
            ChildFashion.Child resumed = children.start(withOptions(out, "--resume", "--threads", "1"));
            assertEquals(0, resumed.waitFor(120), resumed.stderr());
            Matcher at = Pattern.compile("resuming .* at epoch 1, batch (\\d+)").matcher(resumed.stdout());
            if (!(at.find() && Integer.parseInt(at.group(1)) > 0) && attempt < 3) {
                continue; // the signal came after the epoch's end: try again
            }
            assertTrue(child.stdout().contains("interrupted: checkpoint saved"), child.stdout());
            List<EpochMetrics> cut = MetricsFile.read(out.resolve(RunDirectory.METRICS)).history();
            List<EpochMetrics> uncut = MetricsFile.read(reference.resolve(RunDirectory.METRICS)).history();
            assertEquals(uncut.size(), cut.size());
            for (int e = 0; e < cut.size(); e++) {
                assertEquals(uncut.get(e).trainLoss(), cut.get(e).trainLoss(), "epoch " + (e + 1) + "'s training loss");
                assertEquals(uncut.get(e).trainAccuracy(), cut.get(e).trainAccuracy(), "epoch " + (e + 1));
            }
            assertEquals(-1, Files.mismatch(reference.resolve(RunDirectory.MODEL), out.resolve(RunDirectory.MODEL)));
            return;
        }
    }

    private String[] withOptions(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    private static boolean finished(Path out) throws Exception {
        Path metrics = out.resolve(RunDirectory.METRICS);
        return Files.exists(metrics) && MetricsFile.read(metrics).test().containsKey("accuracy");
    }

    /** Whatever a kill left: every run file that is there reads whole (temporary files aside). */
    private static void assertEveryFileReadable(Path out) throws Exception {
        if (Files.exists(out.resolve(RunDirectory.CONFIG))) {
            JsonFields.read(out.resolve(RunDirectory.CONFIG));
        }
        if (Files.exists(out.resolve(RunDirectory.METRICS))) {
            MetricsFile.read(out.resolve(RunDirectory.METRICS));
        }
        if (Files.exists(out.resolve(RunDirectory.HISTORY))) {
            assertTrue(Files.readString(out.resolve(RunDirectory.HISTORY)).startsWith("epoch,train_loss,"));
        }
        if (Files.exists(out.resolve(RunDirectory.CHECKPOINT))) {
            Checkpoint.load(out.resolve(RunDirectory.CHECKPOINT));
        }
        if (Files.exists(out.resolve(RunDirectory.MODEL))) {
            assertEquals(6, SafetensorsReader.read(out.resolve(RunDirectory.MODEL)).tensors().size());
            PresetModelLoader.loadRun(out);
        }
    }

    private static void assertSameAsReference(Path out, Path reference) throws Exception {
        assertEquals(-1, Files.mismatch(reference.resolve(RunDirectory.MODEL), out.resolve(RunDirectory.MODEL)),
                out + ": the model differs from the uninterrupted run's");
        Metrics mine = MetricsFile.read(out.resolve(RunDirectory.METRICS));
        Metrics theirs = MetricsFile.read(reference.resolve(RunDirectory.METRICS));
        assertEquals(theirs.history().size(), mine.history().size(), out + ": every epoch once in the history");
        for (int e = 0; e < mine.history().size(); e++) {
            EpochMetrics a = theirs.history().get(e);
            EpochMetrics b = mine.history().get(e);
            assertEquals(e + 1, b.epoch());
            assertEquals(a.trainLoss(), b.trainLoss(), "epoch " + (e + 1));
            assertEquals(a.valAccuracy(), b.valAccuracy(), "epoch " + (e + 1));
        }
        assertEquals(theirs.testAccuracy(), mine.testAccuracy());
        assertFalse(Files.exists(out.resolve(RunDirectory.LOCK)), "the last training released the lock");
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(), "temporary files left");
        }
    }
}
