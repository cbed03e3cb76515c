package dev.myelin.golden;

import static dev.myelin.golden.Fixtures.assertClose;
import static dev.myelin.golden.Fixtures.meta;
import static dev.myelin.golden.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.io.SafetensorsFile;
import dev.myelin.nn.BatchNorm;
import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.BatchNorm2d;
import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BatchNorm2d} and {@link BatchNorm1d} against PyTorch 1.13's {@code nn.BatchNorm2d/1d}
 * ({@code tools/golden/make_nn_golden.py}): the layer's weights and buffers are loaded from PyTorch's
 * state dict with {@code loadStateDict}, then in training mode the output, the input, weight and bias
 * gradients of {@code sum(y * R)} and the running statistics after one and after three steps, and in
 * evaluation mode the output and gradients with the given running statistics. Tolerance: see
 * {@link Fixtures} ({@code 1e-6 + 1e-5 · max|expected|}); float32 PyTorch itself stays within 1.3e-7 of
 * the float64 references relative to that scale on these fixtures.
 */
class GoldenBatchNormTest {
    private static BatchNorm layer(SafetensorsFile f) {
        int channels = tensor(f, "state.weight").dim(0);
        double eps = Double.parseDouble(meta(f, "eps"));
        double momentum = Double.parseDouble(meta(f, "momentum"));
        BatchNorm bn = meta(f, "op").endsWith("2d") ? new BatchNorm2d(channels, eps, momentum, true, true)
                : new BatchNorm1d(channels, eps, momentum, true, true);
        Map<String, Tensor> state = new LinkedHashMap<>();
        f.tensors().forEach((k, v) -> {
            if (k.startsWith("state.")) {
                state.put(k.substring("state.".length()), v);
            }
        });
        assertTrue(bn.loadStateDict(state, true).isClean());
        return bn;
    }

    @ParameterizedTest
    @ValueSource(strings = {"batchnorm2d_train", "batchnorm1d_train_2d", "batchnorm1d_train_3d"})
    void trainingModeMatchesPyTorch(String name) {
        SafetensorsFile f = Fixtures.load("nn/" + name);
        assertEquals("train", meta(f, "mode"));
        BatchNorm bn = layer(f);
        bn.train();
        Tensor x1 = tensor(f, "x1").copy().requiresGrad(true);

        Tensor y1 = bn.forward(x1);
        y1.mul(tensor(f, "R")).sum().backward();
        Tensor mean1 = bn.runningMean().copy();
        Tensor var1 = bn.runningVar().copy();
        bn.forward(tensor(f, "x2"));
        Tensor y3 = bn.forward(tensor(f, "x3"));

        assertAll(
                () -> assertClose(f, "y1", y1),
                () -> assertClose(f, "dx", x1.grad()),
                () -> assertClose(f, "dweight", bn.weight().grad()),
                () -> assertClose(f, "dbias", bn.bias().grad()),
                () -> assertClose(f, "running_mean_1", mean1),
                () -> assertClose(f, "running_var_1", var1),
                () -> assertClose(f, "y3", y3),
                () -> assertClose(f, "running_mean_3", bn.runningMean()),
                () -> assertClose(f, "running_var_3", bn.runningVar()),
                () -> assertEquals(tensor(f, "num_batches_tracked_3").item(), bn.numBatchesTracked().item()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"batchnorm2d_eval", "batchnorm1d_eval"})
    void evaluationModeMatchesPyTorch(String name) {
        SafetensorsFile f = Fixtures.load("nn/" + name);
        assertEquals("eval", meta(f, "mode"));
        BatchNorm bn = layer(f);
        bn.eval();
        Tensor x = tensor(f, "x").copy().requiresGrad(true);

        Tensor y = bn.forward(x);
        y.mul(tensor(f, "R")).sum().backward();

        assertAll(
                () -> assertClose(f, "y", y),
                () -> assertClose(f, "dx", x.grad()),
                () -> assertClose(f, "dweight", bn.weight().grad()),
                () -> assertClose(f, "dbias", bn.bias().grad()),
                () -> assertTrue(tensor(f, "state.running_mean").contentEquals(bn.runningMean()), "running mean kept"),
                () -> assertTrue(tensor(f, "state.running_var").contentEquals(bn.runningVar()), "running var kept"),
                () -> assertEquals(tensor(f, "state.num_batches_tracked").item(), bn.numBatchesTracked().item()));
    }
}
