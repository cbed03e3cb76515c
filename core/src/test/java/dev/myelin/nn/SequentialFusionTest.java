package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequential runs Conv2d + ReLU as one fused op: the same values and gradients as module by module. */
class SequentialFusionTest {
    @Test
    void fusedConvReluChainMatchesModuleByModuleBitForBit() {
        Sequential model = new Sequential(
                new Conv2d(1, 4, 3, 1, 1, new Generator(1)), new ReLU(), new MaxPool2d(2),
                new Conv2d(4, 6, 3, 1, 1, 1, false, new Generator(2)), new ReLU(),
                new Flatten(), new Linear(6 * 4 * 4, 3, new Generator(3)));
        Generator g = new Generator(4);
        Tensor x = Tensor.randn(g, 5, 1, 8, 8);
        int[] labels = {0, 2, 1, 1, 0};

        Functional.crossEntropy(model.forward(x), labels).backward();
        List<float[]> fused = gradients(model);
        float[] fusedOut = model.forward(x).toArray();

        for (Parameter p : model.parameters()) {
            p.zeroGrad();
        }
        Tensor y = x;
        for (int i = 0; i < model.size(); i++) {
            y = model.get(i).forward(y); // one module at a time: nothing fused
        }
        Functional.crossEntropy(y, labels).backward();
        assertArrayEquals(y.toArray(), fusedOut, "outputs");
        List<float[]> separate = gradients(model);
        for (int i = 0; i < fused.size(); i++) {
            assertArrayEquals(separate.get(i), fused.get(i), "gradient of parameter " + i);
        }
    }

    private static List<float[]> gradients(Module model) {
        return model.parameters().stream().map(p -> p.grad().toArray()).toList();
    }
}
