package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import dev.myelin.fashion.train.ModelPreset;
import dev.myelin.fashion.train.TrainOptions;
import dev.myelin.fashion.train.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./fashion sweep} with real (tiny) training: the plan, the ranking, the best config, resuming. */
class SweepCommandTest {
    @TempDir
    Path data;

    @TempDir
    Path work;

    private final TestCli cli = new TestCli();
    private final List<TrainOptions> trained = new ArrayList<>();

    @BeforeEach
    void realTraining() {
        TinyFashion.write(data, 60, 10, 4);
        cli.trainer = (options, out) -> {
            trained.add(options);
            Training.run(options, out);
        };
    }

    private String[] sweep(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--model", "mlp", "--trials", "4", "--eta", "2",
                "--epochs", "3", "--data", data.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void halvesTheTrialsRanksThemAndSavesTheBestConfig() throws Exception {
        Path out = work.resolve("sweep");
        TestCli.Result result = cli.run(sweep(out));

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("over [4x1, 2x2, 1x3] epochs of a 3-epoch schedule"), result.out());
        // 4 trials to epoch 1, the best 2 on to epoch 2, the best 1 to epoch 3: 7 trainings, continued not restarted.
        assertEquals(7, trained.size());
        assertEquals(List.of(1, 1, 1, 1, 2, 2, 3), trained.stream().map(TrainOptions::stopAfter).toList());
        assertTrue(trained.subList(4, 7).stream().allMatch(TrainOptions::resume), "promoted trials continue");
        assertTrue(trained.stream().allMatch(o -> o.epochs() == 3), "every trial follows the whole schedule");

        String table = Files.readString(out.resolve("sweep.md"));
        assertTrue(table.contains("| rank | trial | lr | batch |"), table);
        assertEquals(4, table.lines().filter(l -> l.matches("\\| \\d+ \\| \\d+ \\|.*")).count(), table);
        Map<String, Object> best = JsonFields.object(JsonFields.read(out.resolve("best-config.json")), "best");
        assertEquals("mlp", best.get("model"));
        assertEquals(3L, best.get("epochs"));
        assertEquals(3L, best.get("sweep_epochs"));
        Path winner = out.resolve("trials").resolve(String.valueOf(best.get("sweep_trial")));
        assertEquals(3, MetricsFile.read(winner.resolve(RunDirectory.METRICS)).history().size());
        assertTrue(result.out().contains("./fashion train --config " + out.resolve("best-config.json")), result.out());

        trained.clear();
        cli.trainer = (options, o) -> trained.add(options);
        TestCli.Result reuse = cli.run("train", "--config", out.resolve("best-config.json").toString(), "--data",
                data.toString(), "--out", work.resolve("final").toString());
        assertEquals(0, reuse.exitCode(), reuse.err());
        TrainOptions o = trained.getFirst();
        assertEquals(ModelPreset.MLP, o.model());
        assertEquals(3, o.epochs());
        assertEquals(((Number) best.get("lr")).doubleValue(), o.learningRate());
        assertEquals(((Number) best.get("batch_size")).intValue(), o.batchSize());
        assertEquals(((Number) best.get("dropout")).doubleValue(), o.tuning().dropout());
        assertEquals(((Number) best.get("label_smoothing")).doubleValue(), o.tuning().labelSmoothing());
    }

    @Test
    void aKilledSweepGoesOnWhereItStopped() throws Exception {
        Path out = work.resolve("sweep");
        AtomicInteger budget = new AtomicInteger(3);
        cli.trainer = (options, o) -> {
            if (budget.getAndDecrement() == 0) {
                throw new Error("killed"); // not an Exception: the sweep does not take it for a failed trial
            }
            trained.add(options);
            Training.run(options, o);
        };
        assertThrows(Error.class, () -> cli.run(sweep(out)));
        assertEquals(3, trained.size());

        trained.clear();
        cli.trainer = (options, o) -> {
            trained.add(options);
            Training.run(options, o);
        };
        TestCli.Result resumed = cli.run(sweep(out));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("resuming sweep of mlp"), resumed.out());
        assertEquals(4, trained.size(), "the 3 trials done before are not trained again");
        Map<String, Object> state = JsonFields.object(JsonFields.read(out.resolve("sweep.json")), "state");
        assertEquals(4, JsonFields.array(state.get("trials"), "trials").size());
    }

    @Test
    void resumingWithOtherOptionsIsRefused() {
        Path out = work.resolve("sweep");
        assertEquals(0, cli.run(sweep(out, "--budget-minutes", "0.0001")).exitCode());
        TestCli.Result other = cli.run(sweep(out, "--seed", "7"));
        assertEquals(1, other.exitCode());
        assertTrue(other.err().contains("resume it with the same options"), other.err());
    }

    @Test
    void aBudgetStopsTheSweepAndRanksWhatWasDone() {
        Path out = work.resolve("sweep");
        TestCli.Result result = cli.run(sweep(out, "--budget-minutes", "0.0001"));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("budget of 0 min reached"), result.out());
        assertTrue(trained.size() <= 1, "at most the trial under way when the budget ran out");
        assertTrue(result.out().contains("not run"), result.out());
    }

    @Test
    void classicModelsAndBadNumbersAreUsageErrors() {
        Path out = work.resolve("sweep");
        assertEquals(2, cli.run("sweep", "--model", "knn", "--data", data.toString(), "--out", out.toString()).exitCode());
        assertEquals(2, cli.run("sweep", "--trials", "0", "--data", data.toString(), "--out", out.toString()).exitCode());
        assertEquals(2, cli.run("sweep", "--eta", "1", "--data", data.toString(), "--out", out.toString()).exitCode());
        assertTrue(trained.isEmpty());
    }
}
