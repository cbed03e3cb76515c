package dev.myelin.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.myelin.nn.AdaptiveAvgPool2d;
import dev.myelin.nn.AvgPool2d;
import dev.myelin.nn.BasicBlock;
import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.BatchNorm2d;
import dev.myelin.nn.Conv2d;
import dev.myelin.nn.CrossEntropyLoss;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.GELU;
import dev.myelin.nn.Identity;
import dev.myelin.nn.LeakyReLU;
import dev.myelin.nn.Linear;
import dev.myelin.nn.LogSoftmax;
import dev.myelin.nn.MSELoss;
import dev.myelin.nn.MaxPool2d;
import dev.myelin.nn.Module;
import dev.myelin.nn.NLLLoss;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.Sigmoid;
import dev.myelin.nn.Softmax;
import dev.myelin.nn.Tanh;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models holding every layer {@link Onnx} supports, exported and run in ONNX Runtime on batches of 1
 * and 7 (the exported batch is free), agree with Myelin within {@link OrtCheck#TOLERANCE}; the largest
 * difference is printed. Both compute in float32 with other summation orders and other erf, exp and
 * tanh approximations, so they differ by a few float32 roundings of the values' scale, about 1e-6.
 */
class OnnxExportTest {
    @TempDir
    Path dir;

    /** Every layer but Softmax, Identity and the other shapes of Flatten, BatchNorm1d and Linear. */
    static Sequential everyLayer(Generator gen) {
        return new Sequential(
                new Conv2d(3, 8, 3, 1, 1, gen), new BatchNorm2d(8), new ReLU(), new MaxPool2d(3, 2, 1),
                new Conv2d(8, 8, 3, 1, 1, 1, 2, 0, 2, 1, false, gen), // 3×1 kernel, dilated rows, no bias
                new BasicBlock(8, 16, 2, gen), new BasicBlock(16, 16, 1, gen),
                new AvgPool2d(3, 1, 1), new AdaptiveAvgPool2d(1), new Flatten(),
                new Linear(16, 32, gen), new BatchNorm1d(32), new LeakyReLU(0.1f),
                new Linear(32, 32, gen), new GELU(), new Linear(32, 32, gen), new Tanh(),
                new Linear(32, 32, gen), new Sigmoid(), new Dropout(0.5f, gen),
                new Linear(32, 10, gen), new LogSoftmax(1));
    }

    /** Softmax, Identity, a strided convolution, an adaptive pool to 4×4, and on (N, C, L): Flatten, BatchNorm1d, Linear. */
    static Sequential otherShapes(Generator gen) {
        return new Sequential(
                new Conv2d(3, 4, 3, 2, 1, gen), new AdaptiveAvgPool2d(4),
                new Sequential(new Flatten(2, 3), new BatchNorm1d(4), new Linear(16, 6, gen), new GELU()),
                new Flatten(), new Identity(), new Linear(24, 5, gen), new Softmax(-1));
    }

    /**
     * Grouped convolutions: two groups with bias, depthwise with padding, depthwise with two outputs per
     * channel, stride and dilation, and a grouped Conv2d, ReLU, MaxPool2d run (which Myelin computes apart
     * from its fused kernel).
     */
    static Sequential groupedConvolutions(Generator gen) {
        return new Sequential(
                new Conv2d(4, 8, 3, Conv2d.options().padding(1).groups(2).generator(gen)), new ReLU(),
                new Conv2d(8, 8, 3, Conv2d.options().padding(1).groups(8).bias(false).generator(gen)),
                new Conv2d(8, 16, 3, Conv2d.options().stride(2).padding(2).dilation(2).groups(8).generator(gen)),
                new Conv2d(16, 16, 3, Conv2d.options().padding(1).groups(4).generator(gen)), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(16 * 2 * 2, 5, gen));
    }

    @Test
    void groupedAndDepthwiseConvolutionsRunInOnnxRuntimeAsInMyelin() throws Exception {
        Generator gen = new Generator(9);
        assertAgrees("grouped convolutions", groupedConvolutions(gen), new int[] {4, 9, 8}, gen);
    }

    @Test
    void everyLayerRunsInOnnxRuntimeAsInMyelin() throws Exception {
        Generator gen = new Generator(7);
        Sequential model = everyLayer(gen);
        assertAgrees("every layer", model, new int[] {3, 16, 16}, gen);
    }

    @Test
    void softmaxAndThreeDimensionalLayersRunInOnnxRuntimeAsInMyelin() throws Exception {
        Generator gen = new Generator(8);
        Sequential model = otherShapes(gen);
        assertAgrees("other shapes", model, new int[] {3, 8, 8}, gen);
    }

    private void assertAgrees(String what, Module model, int[] image, Generator gen) throws Exception {
        OrtCheck.nonTrivialBatchNorm(model, batch(4, image), gen);
        Path file = dir.resolve("model.onnx");
        Onnx.export(model, batch(1, image), file);
        double max = 0;
        try (OrtSession session = OrtCheck.session(Files.readAllBytes(file))) {
            for (int n : new int[] {1, 7}) {
                max = Math.max(max, OrtCheck.maxDifference(session, model, Tensor.randn(gen, batch(n, image))));
            }
        }
        System.out.printf("ONNX export, %s: max |Myelin - ONNX Runtime| = %.3g over batches of 1 and 7%n", what, max);
    }

    private static int[] batch(int n, int[] image) {
        int[] dims = new int[image.length + 1];
        dims[0] = n;
        System.arraycopy(image, 0, dims, 1, image.length);
        return dims;
    }

    @Test
    void classNamesAndProducerAreInTheMetadata() throws IOException, OrtException {
        Path file = dir.resolve("named.onnx");
        Onnx.export(new Sequential(new Flatten(), new Linear(4, 3, new Generator(1))), new int[] {1, 2, 2}, file,
                List.of("cat", "dog", "say \"hi\""));
        try (OrtSession session = OrtCheck.session(Files.readAllBytes(file))) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertEquals("[\"cat\", \"dog\", \"say \\\"hi\\\"\"]", meta.get(Onnx.CLASS_NAMES));
            assertEquals("Myelin", session.getMetadata().getProducerName());
            assertEquals(List.of(Onnx.INPUT), List.copyOf(session.getInputNames()));
            assertEquals(List.of(Onnx.OUTPUT), List.copyOf(session.getOutputNames()));
        }
    }

    /** A layer written outside the library: its forward could compute anything. */
    static final class Twice extends Module {
        @Override
        public Tensor forward(Tensor input) {
            return input.mul(2f);
        }
    }

    @Test
    void anUnknownModuleIsRefusedWithItsClassAndPlace() {
        Generator gen = new Generator(1);
        Sequential model = new Sequential(new Flatten(),
                new Sequential(new Linear(4, 4, gen), new Twice()), new Linear(4, 2, gen));
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> Onnx.export(model, new int[] {1, 4}, dir.resolve("x.onnx")));
        assertTrue(e.getMessage().startsWith("module '1.1' (Twice), child '1' of Sequential '1' is not a layer"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.onnx")));

        OnnxExportException root = assertThrows(OnnxExportException.class,
                () -> Onnx.export(new Twice(), new int[] {1, 4}, dir.resolve("x.onnx")));
        assertTrue(root.getMessage().startsWith("the model itself (Twice) is not a layer"), root.getMessage());
    }

    /** A model that computes its own loss, as some training code does. */
    static final class NetWithLoss extends Module {
        private final Linear fc = registerModule("fc", new Linear(4, 2, new Generator(1)));
        private final CrossEntropyLoss loss = new CrossEntropyLoss();

        @Override
        public Tensor forward(Tensor input) {
            return fc.forward(input);
        }
    }

    @Test
    void lossesAreRefused() {
        // Myelin's losses are not Modules at all, so Onnx.export does not even take one...
        for (Class<?> loss : List.of(CrossEntropyLoss.class, MSELoss.class, NLLLoss.class)) {
            assertFalse(Module.class.isAssignableFrom(loss), loss + " is a Module");
        }
        // ...and a module wrapping one is refused, with a word about losses.
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> Onnx.export(new Sequential(new NetWithLoss()), new int[] {1, 4}, dir.resolve("x.onnx")));
        assertTrue(e.getMessage().contains("(NetWithLoss)") && e.getMessage().contains("a loss is not part of the network"),
                e.getMessage());
    }

    @Test
    void shapeMistakesAndUnevenAdaptivePoolsAreRefused() {
        Generator gen = new Generator(1);
        OnnxExportException rank = assertThrows(OnnxExportException.class, () -> Onnx.toBytes(
                new Sequential(new Flatten(), new Conv2d(1, 1, 3, gen)), new int[] {1, 1, 5, 5}, List.of(), Map.of()));
        assertTrue(rank.getMessage().contains("module '1' (Conv2d)") && rank.getMessage().contains("(N, 25)"),
                rank.getMessage());
        OnnxExportException channels = assertThrows(OnnxExportException.class, () -> Onnx.toBytes(
                new Sequential(new Conv2d(3, 4, 3, gen)), new int[] {1, 1, 5, 5}, List.of(), Map.of()));
        assertTrue(channels.getMessage().contains("expects input (N, 3, H, W)") && channels.getMessage().contains("(N, 1, 5, 5)"),
                channels.getMessage());
        OnnxExportException uneven = assertThrows(OnnxExportException.class, () -> Onnx.toBytes(
                new AdaptiveAvgPool2d(3), new int[] {1, 1, 7, 7}, List.of(), Map.of()));
        assertTrue(uneven.getMessage().contains("7×7 to 3×3"), uneven.getMessage());
        OnnxExportException batch = assertThrows(OnnxExportException.class, () -> Onnx.toBytes(
                new Flatten(0, -1), new int[] {2, 3}, List.of(), Map.of()));
        assertTrue(batch.getMessage().contains("dimension 0 as the batch"), batch.getMessage());
    }
}
