package dev.myelin.fashion.cli;

import dev.myelin.fashion.json.JsonFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --resume} continues a run as its config.json says, and refuses options that contradict it. */
class TrainResumeTest {
    @TempDir
    Path work;

    private final TestCli cli = TestCli.training();
    private Path data;

    @BeforeEach
    void setUp() {
        data = work.resolve("data");
        TinyFashion.write(data, 120, 20, 9);
    }

    /** An mlp run with every recorded option away from the defaults, stopped after its first epoch. */
    private static final List<String> RUN = List.of("--model", "mlp", "--epochs", "3", "--batch-size", "6", "--lr", "0.002",
            "--schedule", "cosine", "--limit", "90", "--seed", "7", "--dropout", "0.1");

    private TestCli.Result train(Path out, List<String> options, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString()));
        args.addAll(options);
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void resumeTakesTheRunsOwnConfigurationAndEndsWhereAnUninterruptedRunEnds() throws Exception {
        Path whole = work.resolve("whole");
        assertEquals(0, train(whole, RUN).exitCode());
        Path stopped = work.resolve("stopped");
        assertEquals(0, train(stopped, RUN, "--stop-after", "1").exitCode());
        String config = Files.readString(stopped.resolve(RunDirectory.CONFIG));

        TestCli.Result resumed = cli.run("train", "--resume", "--out", stopped.toString(), "--data", data.toString(),
                "--threads", "1");

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("training mlp:") && resumed.out().contains("lr 0.00200"), resumed.out());
        assertTrue(resumed.out().contains("15 validation"), "the same --limit, so the same split: " + resumed.out());
        assertEquals(-1, Files.mismatch(whole.resolve(RunDirectory.MODEL), stopped.resolve(RunDirectory.MODEL)),
                "the resumed run must end with the uninterrupted run's weights");
        Map<?, ?> before = (Map<?, ?>) JsonFields.parse(config);
        Map<?, ?> after = (Map<?, ?>) JsonFields.read(stopped.resolve(RunDirectory.CONFIG));
        for (String key : List.of("model", "epochs", "batch_size", "lr", "schedule", "limit", "seed", "dropout")) {
            assertEquals(before.get(key), after.get(key), key);
        }
    }

    @Test
    void aRunKilledBeforeItsFirstCheckpointStartsOverOnResume() throws Exception {
        // A kill between the first epoch's model and its checkpoint leaves config, model and no checkpoint.
        Path whole = work.resolve("whole");
        assertEquals(0, train(whole, RUN).exitCode());
        Path killed = work.resolve("killed");
        assertEquals(0, train(killed, RUN, "--stop-after", "1").exitCode());
        Files.delete(killed.resolve(RunDirectory.CHECKPOINT));

        TestCli.Result resumed = cli.run("train", "--resume", "--out", killed.toString(), "--data", data.toString());

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("stopped before its first checkpoint; training starts from the beginning"),
                resumed.out());
        assertEquals(-1, Files.mismatch(whole.resolve(RunDirectory.MODEL), killed.resolve(RunDirectory.MODEL)));
    }

    @Test
    void anOptionThatContradictsTheRunIsAUsageErrorNamingBothValues() throws Exception {
        Path out = work.resolve("run");
        assertEquals(0, train(out, RUN, "--stop-after", "1").exitCode());
        String[][] contradictions = {
            {"--lr", "0.01", "lr 0.002"},
            {"--batch-size", "8", "batch_size 6"},
            {"--limit", "100", "limit 90"},
            {"--seed", "1", "seed 7"},
            {"--model", "cnn", "model mlp"},
            {"--epochs", "5", "epochs 3"},
            {"--dropout", "0.3", "dropout 0.1"},
            {"--schedule", "none", "schedule cosine"},
            {"--optimizer", "sgd", "optimizer adam"},
            {"--classes", "0,1", "classes none"},
        };
        for (String[] c : contradictions) {
            TestCli.Result result = cli.run("train", "--resume", "--out", out.toString(), "--data", data.toString(), c[0], c[1]);
            assertEquals(2, result.exitCode(), String.join(" ", c) + ": " + result.out() + result.err());
            String expected = c[0] + " " + (c[0].equals("--classes") ? "[0, 1]" : c[1]) + " contradicts its " + c[2];
            assertTrue(result.err().contains(expected), expected + " in " + result.err());
        }
        assertEquals(1, Files.readString(out.resolve(RunDirectory.HISTORY)).lines().count() - 1,
                "nothing was trained by the refused commands");

        TestCli.Result same = cli.run("train", "--resume", "--out", out.toString(), "--data", data.toString(),
                "--model", "mlp", "--lr", "2e-3", "--batch-size", "6", "--limit", "90", "--seed", "7", "--threads", "1",
                "--on-nan", "skip");
        assertEquals(0, same.exitCode(), "the same values, and the options that may change: " + same.err());
    }

    @Test
    void aLargerEpochsContinuesARunWithAConstantRateAndConfigJsonSaysSo() throws Exception {
        Path out = work.resolve("run");
        assertEquals(0, train(out, List.of("--model", "mlp", "--epochs", "1", "--batch-size", "6", "--schedule", "none"))
                .exitCode());
        TestCli.Result finished = cli.run("train", "--resume", "--out", out.toString(), "--data", data.toString());
        assertEquals(1, finished.exitCode());
        assertTrue(finished.err().contains("holds a finished run") && finished.err().contains("a larger --epochs"),
                finished.err());

        TestCli.Result longer = cli.run("train", "--resume", "--out", out.toString(), "--data", data.toString(),
                "--epochs", "2");
        assertEquals(0, longer.exitCode(), longer.err());
        assertTrue(longer.out().contains("epoch 2/2"), longer.out());
        assertEquals(2L, ((Map<?, ?>) JsonFields.read(out.resolve(RunDirectory.CONFIG))).get("epochs"));
    }
}
