package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.myelin.fashion.data.DataLocation;
import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.fashion.train.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's commands on the real data, small enough for CI: the classic models and two linear ones
 * compared after training on the first 10,000 training images, and the data explored. Needs the real
 * data in {@code FASHION_MNIST_DIR}; skipped, saying how to get it, without it.
 */
class RealDataStudyTest {
    @TempDir
    Path work;

    private final TestCli cli = new TestCli();
    private String data;

    @BeforeEach
    void needTheData() {
        data = System.getenv(DataLocation.ENV);
        assumeTrue(data != null && Files.isDirectory(Path.of(data)),
                "Fashion-MNIST not available: set FASHION_MNIST_DIR to a directory holding the four .gz files, "
                        + "or run ./fashion download and point FASHION_MNIST_DIR at data/fashion-mnist");
        cli.env.put(DataLocation.ENV, data);
        cli.trainer = Training::run;
        cli.loader = new PresetModelLoader();
    }

    @Test
    void quickComparisonOfTheClassicModelsOnRealImages() throws Exception {
        Path out = work.resolve("compare");
        TestCli.Result result = cli.run("compare", "--quick", "--models", "knn,forest,softmax", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        System.out.print(result.out().substring(result.out().indexOf("| chosen")));
        Map<String, Object> json = JsonFields.object(JsonFields.read(out.resolve(CompareCommand.JSON)), "test");
        // With 8,334 training images: k-NN about 81.5%, the forest 85%, softmax regression 82.7%.
        for (Object row : JsonFields.array(json.get("models"), "test")) {
            Map<String, Object> model = JsonFields.object(row, "test");
            double accuracy = JsonFields.number(JsonFields.object(model.get("test"), "test"), "accuracy", "test");
            assertTrue(accuracy > 0.79, model.get("model") + ": " + accuracy);
        }
        assertEquals(List.of("knn", "forest", "softmax"), JsonFields.array(json.get("models"), "test").stream()
                .map(row -> (String) ((Map<?, ?>) row).get("model")).toList());
    }

    @Test
    void exploreTheRealData() throws Exception {
        Path out = work.resolve("explore");
        TestCli.Result result = cli.run("explore", "--out", out.toString(), "--pca-images", "500");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Pullover – Coat"), "the closest pair of class means: " + result.out());
        assertTrue(Files.size(out.resolve("explore.html")) > 100_000);
    }
}
