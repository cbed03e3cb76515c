package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.fashion.testing.OnnxRuntime;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.fashion.train.Training;
import dev.myelin.io.SafetensorsFile;
import dev.myelin.io.SafetensorsReader;
import dev.myelin.onnx.Onnx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./fashion export} on a small mlp trained for one epoch on a tiny data set. */
class ExportCommandTest {
    @TempDir
    Path data;

    @TempDir
    Path runs;

    private final TestCli cli = new TestCli();
    private Path run;

    @BeforeEach
    void trainATinyRun() {
        TinyFashion.write(data, 20, 10, 5);
        cli.trainer = Training::run;
        cli.loader = new PresetModelLoader();
        run = runs.resolve("mlp");
        TestCli.Result trained = cli.run("train", "--model", "mlp", "--epochs", "1", "--batch-size", "8",
                "--data", data.toString(), "--out", run.toString());
        assertEquals(0, trained.exitCode(), trained.err());
    }

    @Test
    void onnxGivesTheRunsLogitsAndCarriesClassNamesAndPreprocessing() throws Exception {
        TestCli.Result result = cli.run("export", "--run", run.toString(), "--format", "onnx");

        assertEquals(0, result.exitCode(), result.err());
        Path file = run.resolve("model.onnx");
        assertTrue(result.out().startsWith("Wrote " + file + " (onnx, " + String.format("%,d", Files.size(file))
                + " bytes): the mlp network"), result.out());
        TrainedModel model = new PresetModelLoader().load(RunDirectory.open(run));
        ImageSet test = FashionMnist.loadTest(data);
        float[][] images = new float[6][];
        float[] flat = new float[6 * FashionMnist.PIXELS];
        for (int i = 0; i < images.length; i++) {
            images[i] = test.image(i);
            System.arraycopy(images[i], 0, flat, i * FashionMnist.PIXELS, FashionMnist.PIXELS);
        }
        float[][] expected = model.logits(images);
        try (OnnxRuntime ort = new OnnxRuntime(file)) {
            float[] actual = ort.logits(flat, images.length);
            for (int i = 0; i < images.length; i++) {
                for (int c = 0; c < FashionMnist.CLASSES; c++) {
                    assertEquals(expected[i][c], actual[i * FashionMnist.CLASSES + c], 1e-4, "image " + i + " class " + c);
                }
            }
            Map<String, String> meta = ort.session().getMetadata().getCustomMetadata();
            assertTrue(meta.get(Onnx.CLASS_NAMES).startsWith("[\"T-shirt/top\", \"Trouser\""), meta.toString());
            assertEquals(ExportCommand.PREPROCESSING, meta.get("preprocessing"));
            assertEquals("mlp", meta.get("preset"));
        }
    }

    @Test
    void safetensorsCopiesTheStateDictUnderPyTorchNames() throws Exception {
        Path out = runs.resolve("weights.safetensors");
        TestCli.Result result = cli.run("export", "--run", run.toString(), "--format", "safetensors", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Wrote " + out + " (safetensors, "), result.out());
        SafetensorsFile exported = SafetensorsReader.read(out);
        SafetensorsFile trained = SafetensorsReader.read(run.resolve(RunDirectory.MODEL));
        assertEquals(trained.tensors().keySet(), exported.tensors().keySet());
        assertTrue(exported.tensors().containsKey("1.weight") && exported.tensors().containsKey("7.bias"));
        for (String name : trained.tensors().keySet()) {
            assertArrayEquals(trained.tensor(name).toArray(), exported.tensor(name).toArray(), name);
        }
        assertEquals("pt", exported.metadata().get("format"));

        assertEquals(0, cli.run("export", "--run", run.toString(), "--format", "safetensors").exitCode());
        assertTrue(Files.exists(run.resolve("export.safetensors")));
    }

    @Test
    void modelsThatAreNotNetworksAreRefused() {
        Path knn = runs.resolve("knn");
        assertEquals(0, cli.run("train", "--model", "knn", "--data", data.toString(), "--out", knn.toString()).exitCode());

        TestCli.Result result = cli.run("export", "--run", knn.toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("holds a model of kind 'knn', which is not a network: only networks (mlp, cnn, vgg, "
                + "resnet, best, softmax, svm) export to onnx"), result.err());
        assertFalse(Files.exists(knn.resolve("model.onnx")));
        assertEquals(2, cli.run("export", "--run", run.toString(), "--format", "tflite").exitCode());
    }
}
