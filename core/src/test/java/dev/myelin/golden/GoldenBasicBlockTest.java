package dev.myelin.golden;

import static dev.myelin.golden.Fixtures.assertClose;
import static dev.myelin.golden.Fixtures.meta;
import static dev.myelin.golden.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.nn.BasicBlock;
import dev.myelin.nn.BatchNorm2d;
import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import dev.myelin.io.SafetensorsFile;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BasicBlock} against torchvision's {@code BasicBlock} ({@code tools/golden/make_nn_golden.py}),
 * with an identity shortcut and with a strided 1×1 projection: PyTorch's state dict loads under the same
 * names, and the block then gives PyTorch's training-mode output, input gradient, parameter gradients and
 * running statistics, and its evaluation-mode output.
 *
 * <p>Tolerance: {@link Fixtures}, {@code 1e-6 + 1e-5 · max|expected|}, against references computed in
 * float64 from the float32 inputs. Float32 PyTorch lands within about 1e-6 of them here; a wrong name,
 * weight layout, shortcut or batch statistic moves the results by a large fraction of their scale.
 */
class GoldenBasicBlockTest {
    @ParameterizedTest
    @ValueSource(strings = {"basic_block_identity", "basic_block_downsample"})
    void matchesTorchvisionsBlockInTrainingMode(String fixture) throws IOException {
        SafetensorsFile f = Fixtures.load("nn/" + fixture);
        BasicBlock block = loaded(f);
        Tensor x = tensor(f, "x").detach().requiresGrad(true);

        Tensor y = block.forward(x);
        y.mul(tensor(f, "R")).sum().backward();

        assertClose(f, "y_train", y);
        assertClose(f, "dx", x.grad());
        for (Map.Entry<String, Parameter> e : block.namedParameters().entrySet()) {
            assertClose(f, "grad." + e.getKey(), e.getValue().grad());
        }
        for (Map.Entry<String, Module> e : block.namedModules().entrySet()) {
            if (e.getValue() instanceof BatchNorm2d bn) {
                assertClose(f, "after_train." + e.getKey() + ".running_mean", bn.runningMean());
                assertClose(f, "after_train." + e.getKey() + ".running_var", bn.runningVar());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic_block_identity", "basic_block_downsample"})
    void matchesTorchvisionsBlockInEvaluationMode(String fixture) throws IOException {
        SafetensorsFile f = Fixtures.load("nn/" + fixture);
        BasicBlock block = loaded(f);
        block.eval();
        try (var scope = Grad.disabled()) {
            assertClose(f, "y_eval", block.forward(tensor(f, "x")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic_block_identity", "basic_block_downsample"})
    void stateDictHasTorchvisionsKeysOrderAndShapes(String fixture) throws IOException {
        SafetensorsFile f = Fixtures.load("nn/" + fixture);
        List<String> actual = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : fresh(f).stateDict().entrySet()) {
            actual.add(e.getKey() + Arrays.toString(e.getValue().dims()).replace(" ", ""));
        }
        assertEquals(List.of(meta(f, "state_dict").split(" ")), actual);
    }

    private static BasicBlock fresh(SafetensorsFile f) {
        return new BasicBlock(Integer.parseInt(meta(f, "inplanes")), Integer.parseInt(meta(f, "planes")),
                Integer.parseInt(meta(f, "stride")), new Generator(1));
    }

    private static BasicBlock loaded(SafetensorsFile f) {
        BasicBlock block = fresh(f);
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String name : f.tensors().keySet()) {
            if (name.startsWith("state.")) {
                state.put(name.substring("state.".length()), tensor(f, name));
            }
        }
        block.loadStateDict(state, true);
        return block;
    }
}
