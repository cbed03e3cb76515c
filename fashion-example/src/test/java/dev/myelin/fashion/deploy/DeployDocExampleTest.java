package dev.myelin.fashion.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.api.FashionClassifier;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.testing.DocSnippet;
import dev.myelin.fashion.testing.TrainedRuns;
import dev.myelin.fashion.train.ModelPreset;
import dev.myelin.fashion.train.Presets;
import dev.myelin.onnx.Onnx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the Java snippets of docs/deploy.md and runs them, so that the page's examples keep working as printed. */
class DeployDocExampleTest {
    @Test
    void theOnnxRuntimeSnippetPrintsAPredictedClass(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("cnn.onnx");
        Onnx.export(Presets.forLoading(ModelPreset.CNN, FashionMnist.CLASSES), new int[] {1, 1, 28, 28}, model,
                FashionMnist.CLASS_NAMES);
        String output = DocSnippet.run("docs/deploy.md", "deploy-example", dir, model.toString());
        assertTrue(output.startsWith("predicted: ") && FashionMnist.CLASS_NAMES.stream().anyMatch(
                name -> output.startsWith("predicted: " + name + " (logit ")), output);
        System.out.print("docs/deploy.md example: " + output);
    }

    @Test
    void theJavaApiSnippetPrintsTheTopClasses(@TempDir Path dir) throws Exception {
        Path run = TrainedRuns.cnn(dir);
        Path picture = dir.resolve("sneaker.png");
        Files.write(picture, TrainedRuns.png(7));
        String output = DocSnippet.run("docs/deploy.md", "api-example",
                Files.createDirectory(dir.resolve("snippet")), run.toString(), picture.toString());
        String expected = FashionClassifier.load(run).predict(Files.readAllBytes(picture), false, 3).get(0).className();
        assertEquals("Sneaker", expected);
        assertTrue(output.startsWith("Sneaker "), output);
        assertEquals(3, output.lines().count(), output);
    }
}
