package dev.myelin.golden;

import static dev.myelin.golden.Fixtures.assertClose;
import static dev.myelin.golden.Fixtures.meta;
import static dev.myelin.golden.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.io.SafetensorsFile;
import dev.myelin.io.SafetensorsReader;
import dev.myelin.io.StateDict;
import dev.myelin.nn.AdaptiveAvgPool2d;
import dev.myelin.nn.BatchNorm2d;
import dev.myelin.nn.Conv2d;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MaxPool2d;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State dicts cross between PyTorch and Myelin in both directions ({@code tools/golden/make_nn_golden.py}).
 * PyTorch's {@code nn.Sequential(Conv2d(1,8,3,padding=1), BatchNorm2d(8), ReLU(), MaxPool2d(2),
 * Conv2d(8,16,3,padding=1), ReLU(), AdaptiveAvgPool2d(1), Flatten(), Linear(16,10))} wrote its
 * {@code state_dict()} as safetensors (with {@code num_batches_tracked}, int64 in PyTorch, converted to
 * F32); the same architecture built with {@code dev.myelin.nn} loads it with {@link StateDict#load} and
 * computes PyTorch's logits, in evaluation mode and in training mode (where batch norm also updates its
 * running statistics the same way). And a state dict that Myelin writes for that model has exactly
 * PyTorch's keys, in PyTorch's order, with PyTorch's shapes.
 *
 * <p>Tolerance: see {@link Fixtures}, {@code 1e-6 + 1e-5 · max|expected|}. The references are computed
 * in float64 from the float32 weights and rounded once; float32 PyTorch lands within 3e-8 of them (for
 * logits of magnitude about 0.5), and Myelin differs only by its own float32 rounding over sums of at
 * most 72 terms (the second convolution), far inside the bound. A wrong weight layout, key or running
 * statistic moves the logits by a large fraction of their scale.
 */
class GoldenStateDictInteropTest {
    @TempDir
    Path dir;

    /** The fixture's architecture; the initial weights do not matter, as every one is overwritten. */
    private static Sequential cnn() {
        Generator gen = new Generator(42);
        return new Sequential(new Conv2d(1, 8, 3, 1, 1, gen), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
                new Conv2d(8, 16, 3, 1, 1, gen), new ReLU(), new AdaptiveAvgPool2d(1), new Flatten(),
                new Linear(16, 10, gen));
    }

    private static Sequential loaded(SafetensorsFile state) throws IOException {
        Sequential model = cnn();
        StateDict.load(model, state.path());
        return model;
    }

    @Test
    void pyTorchStateDictGivesPyTorchLogitsInEvaluationMode() throws IOException {
        SafetensorsFile state = Fixtures.load("nn/cnn_state_dict");
        SafetensorsFile io = Fixtures.load("nn/cnn_io");
        Sequential model = loaded(state);
        assertEquals(3f, ((BatchNorm2d) model.get(1)).numBatchesTracked().item());
        model.eval();
        try (var scope = Grad.disabled()) {
            assertClose(io, "logits_eval", model.forward(tensor(io, "x")));
        }
    }

    @Test
    void pyTorchStateDictGivesPyTorchLogitsAndStatisticsInTrainingMode() throws IOException {
        SafetensorsFile io = Fixtures.load("nn/cnn_io");
        Sequential model = loaded(Fixtures.load("nn/cnn_state_dict"));
        model.train();
        Tensor logits = model.forward(tensor(io, "x"));
        BatchNorm2d bn = (BatchNorm2d) model.get(1);
        assertAll(
                () -> assertClose(io, "logits_train", logits),
                () -> assertClose(io, "after_train.1.running_mean", bn.runningMean()),
                () -> assertClose(io, "after_train.1.running_var", bn.runningVar()),
                () -> assertEquals(4f, bn.numBatchesTracked().item()));
    }

    @Test
    void myelinStateDictHasPyTorchKeysOrderAndShapes() throws IOException {
        SafetensorsFile pytorch = Fixtures.load("nn/cnn_state_dict");
        List<String> expected = List.of(meta(pytorch, "state_dict").split(" "));
        Path file = dir.resolve("cnn.safetensors");

        StateDict.save(cnn(), file);

        SafetensorsFile written = SafetensorsReader.read(file);
        List<String> actual = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : written.tensors().entrySet()) {
            actual.add(e.getKey() + Arrays.toString(e.getValue().dims()).replace(" ", ""));
        }
        assertEquals(expected, actual);
        assertEquals(List.copyOf(pytorch.tensors().keySet()), List.copyOf(written.tensors().keySet()));
        assertEquals("pt", written.metadata().get("format"));
    }
}
