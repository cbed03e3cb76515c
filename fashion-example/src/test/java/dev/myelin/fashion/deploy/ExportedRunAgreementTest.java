package dev.myelin.fashion.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.fashion.testing.OnnxRuntime;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TrainedRuns;
import dev.myelin.fashion.train.PresetModelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained run through {@code ./fashion export} and ONNX Runtime gives Myelin's logits and classes.
 *
 * <p>By default a cnn trained in seconds on tiny data. For the trained runs of docs/results.md on the
 * real test images (docs/deploy.md): {@code MYELIN_EXPORT_RUNS=$PWD/runs/cnn,$PWD/runs/resnet
 * FASHION_MNIST_DIR=... ./mvnw -pl core,fashion-example test -Dtest=ExportedRunAgreementTest}.
 */
class ExportedRunAgreementTest {
    private static final int IMAGES = 256;

    @TempDir
    Path work;

    private static float[][] firstImages(ImageSet set, int n) {
        float[][] images = new float[Math.min(n, set.size())][];
        for (int i = 0; i < images.length; i++) {
            images[i] = set.image(i);
        }
        return images;
    }

    @Test
    void onnxRuntimeAgreesWithMyelinOnTrainedRuns() throws Exception {
        String chosen = System.getenv("MYELIN_EXPORT_RUNS");
        List<Path> runs = new ArrayList<>();
        float[][] images;
        if (chosen == null || chosen.isBlank()) {
            Path run = TrainedRuns.cnn(work);
            runs.add(run);
            images = firstImages(FashionMnist.loadTest(work.resolve("data")), 50);
        } else {
            for (String run : chosen.split(",")) {
                runs.add(Path.of(run.trim()));
            }
            images = firstImages(FashionMnist.loadTest(Path.of(System.getenv("FASHION_MNIST_DIR"))), IMAGES);
        }
        TestCli cli = new TestCli();
        cli.loader = new PresetModelLoader();
        for (Path run : runs) {
            Path onnx = work.resolve(run.getFileName() + ".onnx");
            TestCli.Result export = cli.run("export", "--run", run.toString(), "--out", onnx.toString());
            assertEquals(0, export.exitCode(), export.err());
            TrainedModel model = PresetModelLoader.loadRun(run);
            float[][] mine = model.logits(images);
            float[] flat = new float[images.length * FashionMnist.PIXELS];
            for (int i = 0; i < images.length; i++) {
                System.arraycopy(images[i], 0, flat, i * FashionMnist.PIXELS, FashionMnist.PIXELS);
            }
            float[] theirs;
            try (OnnxRuntime runtime = new OnnxRuntime(onnx)) {
                theirs = runtime.logits(flat, images.length);
            }
            double max = 0;
            int sameClass = 0;
            for (int i = 0; i < images.length; i++) {
                float[] row = java.util.Arrays.copyOfRange(theirs, i * 10, (i + 1) * 10);
                for (int c = 0; c < 10; c++) {
                    max = Math.max(max, Math.abs(mine[i][c] - row[c]));
                }
                sameClass += Inference.argmax(mine[i]) == Inference.argmax(row) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%s (%s): max |Myelin - ONNX Runtime| logit %.3g over %d images, "
                    + "same class for %d%n", run.getFileName(), model.preset(), max, images.length, sameClass);
            assertTrue(max <= 1e-4, run + ": logits differ by " + max);
            assertEquals(images.length, sameClass);
        }
    }
}
