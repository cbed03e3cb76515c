package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.api.FashionClassifier;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.serve.PredictionService;
import dev.myelin.fashion.testing.Http;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TrainedRuns;
import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.io.StateDict;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Tensor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose weights hold NaN (its training diverged) still loads and still answers, with meaningless
 * numbers: every command that uses its model says so loudly on stderr, naming the weights, and the Java
 * API and the HTTP service expose the fact.
 */
class DivergedRunTest {
    private static final String WARNING = "warning: the model's weights hold NaN/infinity in ";
    private static final String MEANINGLESS = ": it diverged during training; its predictions are meaningless";

    @TempDir
    static Path work;
    static Path run;
    static Path sound;
    static String poisoned;
    static String infinite;

    @BeforeAll
    static void poisonATrainedRun() throws Exception {
        sound = TrainedRuns.cnn(work);
        run = work.resolve("diverged");
        Files.createDirectories(run);
        try (var files = Files.list(sound)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, run.resolve(f.getFileName()));
            }
        }
        // The real format, written by the real writer: load the trained network, break two tensors, save.
        Module network = new PresetModelLoader().load(RunDirectory.open(run)).network().orElseThrow();
        var state = network.stateDict();
        List<String> names = List.copyOf(state.keySet());
        poisoned = names.get(0);
        infinite = names.get(names.size() - 1);
        Tensor w = state.get(poisoned);
        w.array()[w.arrayOffset() + 3] = Float.NaN;
        Tensor b = state.get(infinite);
        b.array()[b.arrayOffset()] = Float.NEGATIVE_INFINITY;
        StateDict.save(network, run.resolve(RunDirectory.MODEL));
    }

    private static TestCli cli() {
        TestCli cli = new TestCli();
        cli.loader = new PresetModelLoader();
        return cli;
    }

    private static void assertWarned(TestCli.Result result) {
        assertTrue(result.err().contains(WARNING + poisoned + ", " + infinite + MEANINGLESS), result.err());
    }

    @Test
    void evaluateWarnsOnStderrNamingTheWeights() {
        TestCli.Result result = cli().run("evaluate", "--run", run.toString(), "--data", work.resolve("data").toString());
        assertWarned(result);
        assertFalse(result.out().contains(WARNING), "the warning goes to stderr only");
    }

    @Test
    void aSoundRunGivesNoWarning() {
        TestCli.Result result = cli().run("evaluate", "--run", sound.toString(), "--data", work.resolve("data").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertFalse(result.err().contains("NaN/infinity"), result.err());
    }

    @Test
    void predictReportAndExportWarnToo() {
        String data = work.resolve("data").toString();
        assertWarned(cli().run("predict", "--run", run.toString(), "--data", data, "--index", "3"));
        assertWarned(cli().run("report", "--run", run.toString(), "--data", data, "--mistakes", "2"));
        assertWarned(cli().run("export", "--run", run.toString(), "--format", "safetensors",
                "--out", work.resolve("exported.safetensors").toString()));
    }

    @Test
    void theClassifierAndTheServiceSayWhichWeightsAreNotFinite() throws Exception {
        FashionClassifier classifier = FashionClassifier.load(run, 1);
        assertEquals(List.of(poisoned, infinite), classifier.nonFiniteWeights());
        assertTrue(classifier.weightsWarning().orElseThrow().startsWith(WARNING + poisoned), classifier.weightsWarning().get());
        assertEquals(List.of(), FashionClassifier.load(sound, 1).nonFiniteWeights());
        assertTrue(FashionClassifier.load(sound, 1).weightsWarning().isEmpty());

        try (PredictionService service = PredictionService.start(classifier, "diverged", "127.0.0.1", 0, 1)) {
            Http.Answer health = new Http(URI.create("http://127.0.0.1:" + service.address().getPort() + "/")).get("health");
            assertEquals(200, health.status());
            assertEquals("warning", health.json().get("status"));
            assertTrue(String.valueOf(health.json().get("warning")).contains(MEANINGLESS), health.body());
            assertEquals(List.of(poisoned, infinite), health.json().get("nonFiniteWeights"));
        }
    }
}
