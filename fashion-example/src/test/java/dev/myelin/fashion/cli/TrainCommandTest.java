package dev.myelin.fashion.cli;

import dev.myelin.fashion.json.JsonFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.Metrics;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import dev.myelin.fashion.train.ModelPreset;
import dev.myelin.fashion.train.OptimizerKind;
import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.fashion.train.ScheduleKind;
import dev.myelin.fashion.train.TrainOptions;
import dev.myelin.fashion.train.Training;
import dev.myelin.fashion.train.Tuning;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    Path data;

    @TempDir
    Path runs;

    private final TestCli cli = new TestCli();
    private final List<TrainOptions> received = new ArrayList<>();

    @BeforeEach
    void recordTraining() {
        TinyFashion.write(data, 20, 10, 5);
        cli.trainer = (options, out) -> {
            received.add(options);
            out.println("trained");
        };
    }

    @Test
    void defaultsLeavePresetChoicesToThePreset() {
        TestCli.Result result = cli.run("train", "--data", data.toString());

        assertEquals(0, result.exitCode(), result.err());
        TrainOptions o = received.getFirst();
        assertEquals(ModelPreset.CNN, o.model());
        assertEquals(64, o.batchSize());
        assertEquals(42, o.seed());
        assertNull(o.epochs());
        assertNull(o.learningRate());
        assertNull(o.optimizer());
        assertNull(o.schedule());
        assertNull(o.augment());
        assertNull(o.threads());
        assertNull(o.limit());
        assertNull(o.initFrom());
        assertFalse(o.resume());
        assertEquals(List.of(), o.freeze());
        assertEquals(Path.of("runs", "cnn-20260102-030405"), o.out());
        assertEquals(data, o.data());
        assertTrue(result.out().contains("trained\n"), result.out());
        assertTrue(result.out().contains("./fashion evaluate --run " + o.out()), result.out());
    }

    @Test
    void everyOptionReachesTheTrainer() throws Exception {
        Path previous = Files.createDirectories(runs.resolve("mlp-base"));
        Files.write(previous.resolve(RunDirectory.MODEL), new byte[] {0});
        Path out = runs.resolve("tuned");

        TestCli.Result result = cli.run("train", "--model", "best", "--epochs", "3", "--batch-size", "128",
                "--lr", "0.01", "--optimizer", "adamw", "--schedule", "onecycle", "--no-augment", "--seed", "7",
                "--threads", "2", "--out", out.toString(), "--init-from", previous.toString(),
                "--freeze", "conv1.", "conv2.", "--data", data.toString(), "--limit", "500");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(new TrainOptions(ModelPreset.BEST, 3, 128, 0.01, OptimizerKind.ADAMW, ScheduleKind.ONECYCLE,
                false, Tuning.PRESET, 7, 2, out, false, previous, List.of("conv1.", "conv2."), data, 500, null, null, List.of()), received.getFirst());
        Map<String, Object> json = received.getFirst().toJson();
        assertEquals("best", json.get("model"));
        assertEquals("onecycle", json.get("schedule"));
        assertEquals(false, json.get("augment"));
    }

    @Test
    void theTunersOptionsReachTheTrainer() {
        TestCli.Result result = cli.run("train", "--model", "resnet", "--optimizer", "sgd", "--momentum", "0.8",
                "--nesterov", "--weight-decay", "0.001", "--label-smoothing", "0.05", "--dropout", "0.1",
                "--data", data.toString());

        assertEquals(0, result.exitCode(), result.err());
        TrainOptions o = received.getFirst();
        assertEquals(new Tuning(0.001, 0.8, true, 0.05, 0.1), o.tuning());
        Map<String, Object> json = o.toJson();
        assertEquals(0.8, json.get("momentum"));
        assertEquals(0.05, json.get("label_smoothing"));
    }

    @Test
    void tunersOptionsOutOfRangeOrForTheWrongModelAreUsageErrors() {
        String[][] cases = {
            {"--momentum", "1.0", "--optimizer", "sgd"},
            {"--momentum", "0.9"}, // cnn trains with adam
            {"--nesterov", "--optimizer", "sgd", "--momentum", "0"},
            {"--weight-decay", "-1"},
            {"--label-smoothing", "1"},
            {"--dropout", "0.5"}, // cnn has no dropout layer
            {"--model", "svm", "--label-smoothing", "0.1"},
            {"--model", "knn", "--weight-decay", "0.1"},
        };
        for (String[] options : cases) {
            List<String> args = new ArrayList<>(List.of("train", "--data", data.toString()));
            args.addAll(List.of(options));
            TestCli.Result result = cli.run(args.toArray(String[]::new));
            assertEquals(2, result.exitCode(), String.join(" ", options) + ": " + result.err());
        }
        assertTrue(received.isEmpty());
    }

    @Test
    void augmentCanBeSwitchedOn() {
        assertEquals(0, cli.run("train", "--augment", "--data", data.toString()).exitCode());
        assertEquals(Boolean.TRUE, received.getFirst().augment());
    }

    @Test
    void classicModelsRefuseTheOptionsOfEpochTraining() {
        for (String[] options : new String[][] {{"--epochs", "3"}, {"--lr", "0.1"}, {"--optimizer", "sgd"},
                {"--no-augment"}, {"--resume", "--out", "somewhere"}}) {
            List<String> args = new ArrayList<>(List.of("train", "--model", "knn", "--data", data.toString()));
            args.addAll(List.of(options));
            TestCli.Result result = cli.run(args.toArray(String[]::new));
            assertEquals(2, result.exitCode(), String.join(" ", options));
            assertTrue(result.err().contains("knn is fitted in one pass"), result.err());
        }
        assertTrue(received.isEmpty());
    }

    @Test
    void treesAreForTheForestOnly() {
        TestCli.Result wrong = cli.run("train", "--model", "cnn", "--trees", "10", "--data", data.toString());
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains("--trees is for --model forest"), wrong.err());
        assertEquals(0, cli.run("train", "--model", "forest", "--trees", "10", "--data", data.toString()).exitCode());
        assertEquals(10, received.getFirst().trees());
        assertEquals(2, cli.run("train", "--model", "forest", "--trees", "0", "--data", data.toString()).exitCode());
    }

    @Test
    void badValuesAreUsageErrors() {
        assertEquals(2, cli.run("train", "--epochs", "0", "--data", data.toString()).exitCode());
        assertEquals(2, cli.run("train", "--lr", "-1", "--data", data.toString()).exitCode());
        assertEquals(2, cli.run("train", "--batch-size", "many", "--data", data.toString()).exitCode());
        TestCli.Result resume = cli.run("train", "--resume", "--data", data.toString());
        assertEquals(2, resume.exitCode());
        assertTrue(resume.err().contains("--resume needs --out DIR"), resume.err());
        assertEquals(2, cli.run("train", "--freeze", "conv1.", "--data", data.toString()).exitCode());
        assertTrue(received.isEmpty());
    }

    @Test
    void runDirectoriesAreChecked() throws Exception {
        Path done = Files.createDirectories(runs.resolve("done"));
        Files.write(done.resolve(RunDirectory.MODEL), new byte[] {0});

        // A model without a checkpoint (a classic model, or a deleted checkpoint): finished, whatever the command.
        String whatToDo = ": evaluate it (./fashion evaluate --run " + done + "), train into another --out (--init-from "
                + done + " starts from its weights), or delete the folder to train it again";
        TestCli.Result overwrite = cli.run("train", "--out", done.toString(), "--data", data.toString());
        assertEquals(1, overwrite.exitCode());
        assertTrue(overwrite.err().contains(done + " holds a finished run" + whatToDo), overwrite.err());
        assertFalse(overwrite.err().contains("--resume"), "--resume cannot continue it: " + overwrite.err());

        TestCli.Result resume = cli.run("train", "--resume", "--out", done.toString(), "--data", data.toString());
        assertEquals(1, resume.exitCode());
        assertTrue(resume.err().contains(done + " holds a finished run (a model and no checkpoint), which cannot be "
                + "continued" + whatToDo), resume.err());

        TestCli.Result nothing = cli.run("train", "--resume", "--out", runs.resolve("new").toString(), "--data",
                data.toString());
        assertEquals(1, nothing.exitCode());
        assertTrue(nothing.err().contains("holds no run to resume"), nothing.err());

        Files.write(done.resolve(RunDirectory.CHECKPOINT), new byte[] {0});
        TestCli.Result unfinished = cli.run("train", "--out", done.toString(), "--data", data.toString());
        assertEquals(1, unfinished.exitCode());
        assertTrue(unfinished.err().contains("holds an unfinished run; continue it with --resume --out " + done),
                unfinished.err());
        assertEquals(0, cli.run("train", "--resume", "--out", done.toString(), "--data", data.toString()).exitCode());
        assertTrue(received.getFirst().resume());
    }

    @Test
    void missingDataIsDownloadedFirst() throws Exception {
        cli.files = TinyFashion.write(data, 20, 10, 5);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = Files.readAllBytes(data.resolve(exchange.getRequestURI().getPath().substring(1)));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            cli.mirrors = List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            Path empty = runs.resolve("data");

            TestCli.Result result = cli.run("train", "--data", empty.toString());

            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().contains("Fashion-MNIST is not in " + empty + " yet; downloading it first."), result.out());
            assertTrue(FashionMnist.missingFiles(empty).isEmpty());
            assertEquals(empty, received.getFirst().data());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void offlineWithoutDataTrainingDoesNotStart() {
        TestCli.Result result = cli.run("train", "--data", runs.resolve("data").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("could not download"), result.err());
        assertTrue(result.err().contains("--data") && result.err().contains("FASHION_MNIST_DIR"), result.err());
        assertTrue(received.isEmpty());
    }

    @Test
    void theRealTrainerTrainsEvaluatesAndResumes() throws Exception {
        cli.trainer = Training::run;
        Path out = runs.resolve("mlp");
        TestCli.Result result = cli.run("train", "--model", "mlp", "--epochs", "2", "--batch-size", "4",
                "--schedule", "none", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        for (String file : List.of(RunDirectory.MODEL, RunDirectory.CHECKPOINT, RunDirectory.CONFIG,
                RunDirectory.METRICS, RunDirectory.HISTORY)) {
            assertTrue(Files.exists(out.resolve(file)), file + " missing from the run");
        }
        Metrics metrics = MetricsFile.read(out.resolve(RunDirectory.METRICS));
        assertEquals(2, metrics.history().size());
        assertTrue(metrics.testAccuracy() >= 0 && metrics.testAccuracy() <= 1, metrics.test().toString());
        assertTrue(result.out().contains("epoch 2/2"), result.out());

        TestCli.Result resumed = cli.run("train", "--model", "mlp", "--epochs", "3", "--batch-size", "4",
                "--schedule", "none", "--data", data.toString(), "--out", out.toString(), "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("resuming") && resumed.out().contains("epoch 3/3"), resumed.out());
        assertEquals(3, MetricsFile.read(out.resolve(RunDirectory.METRICS)).history().size());
    }

    @Test
    void initFromAnotherRunWithFrozenLayersKeepsThoseLayersFixed() throws Exception {
        cli.trainer = Training::run;
        Path base = runs.resolve("base");
        assertEquals(0, cli.run("train", "--model", "mlp", "--epochs", "1", "--batch-size", "4", "--data", data.toString(),
                "--out", base.toString()).exitCode());
        Path tuned = runs.resolve("tuned");
        TestCli.Result result = cli.run("train", "--model", "mlp", "--epochs", "1", "--batch-size", "4",
                "--data", data.toString(), "--out", tuned.toString(), "--init-from", base.toString(), "--freeze", "1.");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("frozen: 2 parameters under '1.'"), result.out());
        var before = dev.myelin.io.SafetensorsReader.read(base.resolve(RunDirectory.MODEL));
        var after = dev.myelin.io.SafetensorsReader.read(tuned.resolve(RunDirectory.MODEL));
        assertTrue(before.tensor("1.weight").contentEquals(after.tensor("1.weight")), "a frozen weight changed");
        assertTrue(before.tensor("1.bias").contentEquals(after.tensor("1.bias")), "a frozen bias changed");
        assertFalse(before.tensor("7.weight").contentEquals(after.tensor("7.weight")), "the last layer should train");
    }

    @Test
    void classesTrainASmallerClassifierThatInitFromCarriesToAllTen() throws Exception {
        cli.trainer = Training::run;
        cli.loader = new PresetModelLoader();
        Path base = runs.resolve("three");
        TestCli.Result pretrained = cli.run("train", "--model", "mlp", "--epochs", "1", "--batch-size", "4",
                "--classes", "0,2,4", "--data", data.toString(), "--out", base.toString());
        assertEquals(0, pretrained.exitCode(), pretrained.err());
        var weights = dev.myelin.io.SafetensorsReader.read(base.resolve(RunDirectory.MODEL));
        assertEquals(3, weights.tensor("7.weight").dim(0), "one output per chosen class");
        assertEquals(List.of(0L, 2L, 4L), JsonFields.read(base.resolve(RunDirectory.CONFIG)) instanceof Map<?, ?> m
                ? m.get("classes") : null);
        TestCli.Result evaluated = cli.run("evaluate", "--run", base.toString(), "--data", data.toString());
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().contains("of the classes it was trained on, [0, 2, 4]"), evaluated.out());

        Path tuned = runs.resolve("ten");
        TestCli.Result result = cli.run("train", "--model", "mlp", "--epochs", "1", "--batch-size", "4",
                "--data", data.toString(), "--out", tuned.toString(), "--init-from", base.toString(), "--freeze", "1.", "4.");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("copied 4 of 6 tensors"), result.out());
        assertTrue(result.out().contains("left fresh: 7.weight"), result.out());
        var after = dev.myelin.io.SafetensorsReader.read(tuned.resolve(RunDirectory.MODEL));
        assertTrue(weights.tensor("1.weight").contentEquals(after.tensor("1.weight")), "the frozen body moved");
        assertEquals(10, after.tensor("7.weight").dim(0));
    }

    @Test
    void classesMustBeDistinctLabels() {
        for (String classes : new String[] {"0,10", "3,3", "5", "-1,2"}) {
            assertEquals(2, cli.run("train", "--classes", classes, "--data", data.toString()).exitCode(), classes);
        }
    }

    @Test
    void initFromARunWithNothingInCommonIsAFailure() throws Exception {
        cli.trainer = Training::run;
        Path base = runs.resolve("linear");
        assertEquals(0, cli.run("train", "--model", "softmax", "--epochs", "1", "--batch-size", "4",
                "--data", data.toString(), "--out", base.toString()).exitCode());
        TestCli.Result result = cli.run("train", "--model", "cnn", "--epochs", "1", "--batch-size", "4",
                "--data", data.toString(), "--out", runs.resolve("cnn").toString(), "--init-from", base.toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("matches this model's names and shapes"), result.err());
    }

    @Test
    void configFileSuppliesWhatTheCommandLineLeavesOut() throws Exception {
        Path file = runs.resolve("config.json");
        Files.writeString(file, "{\"model\": \"best\", \"epochs\": 7, \"batch_size\": 32, \"lr\": 0.002, "
                + "\"optimizer\": \"adamw\", \"weight_decay\": 0.01, \"dropout\": 0.25, \"augment\": null, "
                + "\"sweep_trial\": 3}");
        TestCli.Result result = cli.run("train", "--config", file.toString(), "--epochs", "2", "--data", data.toString());

        assertEquals(0, result.exitCode(), result.err());
        TrainOptions o = received.getFirst();
        assertEquals(ModelPreset.BEST, o.model());
        assertEquals(2, o.epochs(), "the command line wins");
        assertEquals(32, o.batchSize());
        assertEquals(0.002, o.learningRate());
        assertEquals(OptimizerKind.ADAMW, o.optimizer());
        assertEquals(new Tuning(0.01, null, null, null, 0.25), o.tuning());
        assertNull(o.augment(), "null leaves it to the preset");
    }

    @Test
    void aConfigFileWithAWrongValueNamesTheFileAndTheKey() throws Exception {
        Path file = runs.resolve("config.json");
        Files.writeString(file, "{\"lr\": \"fast\"}");
        TestCli.Result result = cli.run("train", "--config", file.toString(), "--data", data.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--config " + file + ": \"lr\" must be a number, not fast"), result.err());
        assertEquals(2, cli.run("train", "--config", runs.resolve("missing.json").toString(), "--data",
                data.toString()).exitCode());
        assertTrue(received.isEmpty());
    }
}
