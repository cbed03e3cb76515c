package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A custom module with a skip connection (He et al., 2016, "Deep Residual Learning"), the basic block
 * {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + x)}: names, shapes and a gradient check through it.
 * These tests await the conv2d merge.
 */
class ResidualBlockTest {
    static final class ResidualBlock extends Module {
        private final Conv2d conv1;
        private final BatchNorm2d bn1;
        private final Conv2d conv2;
        private final BatchNorm2d bn2;

        ResidualBlock(int channels, Generator gen) {
            conv1 = registerModule("conv1", new Conv2d(channels, channels, 3, 1, 1, 1, false, gen));
            bn1 = registerModule("bn1", new BatchNorm2d(channels));
            conv2 = registerModule("conv2", new Conv2d(channels, channels, 3, 1, 1, 1, false, gen));
            bn2 = registerModule("bn2", new BatchNorm2d(channels));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor out = bn1.forward(conv1.forward(x)).relu();
            out = bn2.forward(conv2.forward(out));
            return out.add(x).relu();
        }
    }

    @Test
    void namesAreTorchvisions() {
        ResidualBlock block = new ResidualBlock(4, new Generator(1));
        assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "bn1.num_batches_tracked", "conv2.weight", "bn2.weight", "bn2.bias", "bn2.running_mean",
                "bn2.running_var", "bn2.num_batches_tracked"), List.copyOf(block.stateDict().keySet()));
    }

    @Test
    void forwardKeepsTheShapeAndPassesTheSkipPath() {
        Generator gen = new Generator(2);
        ResidualBlock block = new ResidualBlock(3, gen);
        Tensor x = Tensor.randn(gen, 2, 3, 5, 4);
        Tensor y = block.forward(x);
        assertEquals(x.shape(), y.shape());
        // With the second batch norm's scale at zero the residual branch is just bn2's bias (0): y = relu(x).
        Init.zeros(block.bn2.weight().value());
        assertTrue(x.relu().contentEquals(block.forward(x)));
    }

    /**
     * Central differences through both convolutions, batch norms (batch statistics, training mode) and the
     * skip path, for the input and every parameter. A difference across a ReLU kink would be wrong, so
     * the step is {@code h = 1e-3} and the test first asserts that every pre-activation is at least
     * {@code 5h} from 0 (a step moves them by about {@code h} times a gradient of order 1). At that step
     * the float rounding of {@code L} (64 outputs of order 1, about {@code 1e-6}) gives differences
     * accurate to about {@code 5e-4}, well inside GradCheck's {@code atol 5e-3}.
     */
    @Test
    void gradientCheckThroughTheBlock() {
        Generator gen = new Generator(3);
        ResidualBlock block = new ResidualBlock(2, gen);
        for (Parameter p : List.of(block.bn1.weight(), block.bn2.weight())) {
            Init.uniform(p.value(), 0.5, 1.5, gen);
        }
        for (Parameter p : List.of(block.bn1.bias(), block.bn2.bias())) {
            Init.uniform(p.value(), -0.5, 0.5, gen);
        }
        Tensor x = Tensor.randn(gen, 2, 2, 4, 4).detach();
        double h = 1e-3;
        try (var scope = Grad.disabled()) {
            Tensor first = block.bn1.forward(block.conv1.forward(x));
            Tensor second = block.bn2.forward(block.conv2.forward(first.relu())).add(x);
            for (Tensor pre : List.of(first, second)) {
                for (float v : pre.toArray()) {
                    assertTrue(Math.abs(v) > 5 * h, "pre-activation " + v + " is too close to the ReLU kink; "
                            + "choose another seed");
                }
            }
        }
        List<Tensor> wrt = new ArrayList<>();
        wrt.add(x);
        block.parameters().forEach(p -> wrt.add(p.value()));
        NnTesting.gradCheck(h, () -> block.forward(x), wrt);
    }
}
