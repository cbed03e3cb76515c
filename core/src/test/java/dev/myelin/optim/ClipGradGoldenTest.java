package dev.myelin.optim;

import static dev.myelin.optim.OptimTesting.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ClipGrad#clipGradNorm} against {@code torch.nn.utils.clip_grad_norm_}: a case that clips, one
 * under the limit (gradients untouched) and one with 273 elements far over it. Tolerance: {@code 1e-6}
 * relative. PyTorch sums in float32 and forms the scale in float32; ours sums in double, so the norms
 * differ by up to a float ulp (here at most 9e-8 relative) and the clipped gradients, scaled by that
 * norm's reciprocal, by up to three ulps (2e-7 relative).
 */
class ClipGradGoldenTest {
    private static final double RTOL = 1e-6;

    @ParameterizedTest
    @ValueSource(strings = {"clipped", "unclipped", "large"})
    void matchesPyTorch(String name) {
        Golden golden = Golden.load("clip_grad_norm");
        List<Parameter> params = new ArrayList<>();
        for (int i = 0; golden.has(name + ".grad" + i); i++) {
            Tensor g = golden.tensor(name + ".grad" + i);
            Parameter p = new Parameter(Tensor.zeros(g.dims()));
            OptimTesting.setGrad(p, g);
            params.add(p);
        }
        double maxNorm = golden.doubles(name + ".max_norm")[0];
        double total = ClipGrad.clipGradNorm(params, maxNorm);
        double expected = golden.doubles(name + ".total_norm")[0];
        assertEquals(expected, total, RTOL * expected, name + " total norm");
        for (int i = 0; i < params.size(); i++) {
            assertClose(golden.tensor(name + ".clipped" + i), params.get(i).grad(), RTOL, name + " clipped" + i);
        }
    }
}
