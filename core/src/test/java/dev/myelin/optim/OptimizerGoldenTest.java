package dev.myelin.optim;

import static dev.myelin.optim.OptimTesting.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SGD, Adam and AdamW against PyTorch 1.13 ({@code tools/golden/make_optim_golden.py}): two parameters
 * ([3, 4] and [5]) take five steps with recorded gradients, whose magnitudes span 1e-9 to 10 so that
 * eps and weight decay shape the updates; after every step the parameters, and after the last the
 * state buffers, must match.
 *
 * <p>Tolerance: {@code rtol 1e-6}, about ten float ulps. The kernels repeat PyTorch's float32
 * operations in its order, fused multiply-adds included, and on the machine that wrote the fixtures
 * they agree bit for bit; the margin is for a PyTorch build whose compiler fuses differently (one ulp
 * per operation, a few operations per step), while a wrong formula, eps placement or bias correction
 * moves these parameters by far more.
 */
class OptimizerGoldenTest {
    private static final double RTOL = 1e-6;
    private static final int STEPS = 5;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sgd_nesterov", (Function<List<Parameter>, Optimizer>) ps -> new SGD(ps, 0.1, 0.9, 0, 1e-2, true)),
                Arguments.of("sgd_dampening", (Function<List<Parameter>, Optimizer>) ps -> new SGD(ps, 0.1, 0.9, 0.1, 0, false)),
                Arguments.of("adam", (Function<List<Parameter>, Optimizer>) ps -> new Adam(ps, 1e-3)),
                Arguments.of("adam_wd", (Function<List<Parameter>, Optimizer>) ps -> new Adam(ps, 1e-3, 0.9, 0.999, 1e-8, 1e-2)),
                Arguments.of("adamw", (Function<List<Parameter>, Optimizer>) ps -> new AdamW(ps, 1e-3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchAfterEachStep(String name, Function<List<Parameter>, Optimizer> make) {
        Golden golden = Golden.load(name);
        List<Parameter> params = List.of(OptimTesting.param(golden.tensor("param0")),
                OptimTesting.param(golden.tensor("param1")));
        Optimizer optimizer = make.apply(params);
        for (int step = 1; step <= STEPS; step++) {
            optimizer.zeroGrad();
            for (int i = 0; i < params.size(); i++) {
                Tensor g = golden.tensor("step" + step + ".grad" + i);
                OptimTesting.setGrad(params.get(i), g);
                assertTrue(g.contentEquals(params.get(i).grad()), "the gradient is exactly the recorded one");
            }
            optimizer.step();
            for (int i = 0; i < params.size(); i++) {
                String key = "step" + step + ".param" + i;
                assertClose(golden.tensor(key), params.get(i).value(), RTOL, name + " " + key);
            }
        }
        Map<String, Tensor> state = optimizer.stateTensors();
        int buffers = 0;
        for (String key : golden.names()) {
            if (key.startsWith("state.")) {
                String ours = key.substring("state.".length());
                assertTrue(state.containsKey(ours), name + ": exported state lacks " + ours);
                assertClose(golden.tensor(key), state.get(ours), RTOL, name + " " + key);
                buffers++;
            }
        }
        assertEquals(buffers, state.size(), name + ": the same state buffers as PyTorch");
        assertEquals(STEPS, optimizer.stateScalars().get("group0.param1.step"));
    }
}
