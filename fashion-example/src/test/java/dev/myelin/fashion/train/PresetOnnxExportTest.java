package dev.myelin.fashion.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.testing.OnnxRuntime;
import dev.myelin.nn.BatchNorm;
import dev.myelin.nn.Init;
import dev.myelin.nn.Module;
import dev.myelin.onnx.Onnx;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every network preset, seeded and with batch norms that do something (random scales and shifts,
 * running statistics from training-mode passes), exported to ONNX and run by ONNX Runtime on batches
 * of 1 and 5 random images: within 1e-4 of Myelin's logits. The largest difference is printed.
 */
class PresetOnnxExportTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = ModelPreset.class, names = {"MLP", "CNN", "VGG", "RESNET"})
    void onnxRuntimeGivesMyelinsLogits(ModelPreset preset) throws Exception {
        Generator gen = new Generator(2026);
        Module net = Presets.create(preset, FashionMnist.CLASSES, 0.2, gen, gen);
        withWorkingBatchNorms(net, gen);
        Path file = dir.resolve(preset + ".onnx");
        Onnx.export(net, new int[] {1, 1, 28, 28}, file, FashionMnist.CLASS_NAMES);

        double max = 0;
        try (OnnxRuntime ort = new OnnxRuntime(file)) {
            for (int n : new int[] {1, 5}) {
                Tensor x = Tensor.rand(gen, n, 1, 28, 28);
                float[] expected;
                try (var scope = Grad.disabled()) {
                    expected = net.forward(x).toArray();
                }
                float[] actual = ort.logits(x.toArray(), n);
                assertEquals(expected.length, actual.length);
                for (int i = 0; i < expected.length; i++) {
                    max = Math.max(max, Math.abs((double) expected[i] - actual[i]));
                }
            }
        }
        System.out.printf("ONNX export, preset %s: max |Myelin - ONNX Runtime| = %.3g on 1x1x28x28 and 5x1x28x28%n",
                preset, max);
        assertTrue(max <= 1e-4, preset + ": " + max);
    }

    /** Scales in [0.5, 1.5), shifts in [-0.5, 0.5), then running statistics from two passes; evaluation mode. */
    private static void withWorkingBatchNorms(Module net, Generator gen) {
        for (Module m : net.namedModules().values()) {
            if (m instanceof BatchNorm bn) {
                Init.uniform(bn.weight().value(), 0.5, 1.5, gen);
                Init.uniform(bn.bias().value(), -0.5, 0.5, gen);
            }
        }
        net.train();
        try (var scope = Grad.disabled()) {
            net.forward(Tensor.rand(gen, 8, 1, 28, 28));
            net.forward(Tensor.rand(gen, 8, 1, 28, 28).mul(0.5f));
        }
        net.eval();
    }
}
