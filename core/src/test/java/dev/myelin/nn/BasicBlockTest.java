package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ResNet basic block {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}: torchvision's
 * names, its shapes, the identity path, and a gradient check through the body and both kinds of
 * shortcut. {@code golden/GoldenBasicBlockTest} holds it to PyTorch's numbers.
 */
class BasicBlockTest {
    @Test
    void namesAreTorchvisions() {
        BasicBlock block = new BasicBlock(4, 4, 1, new Generator(1));
        assertFalse(block.hasDownsample());
        assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "bn1.num_batches_tracked", "conv2.weight", "bn2.weight", "bn2.bias", "bn2.running_mean",
                "bn2.running_var", "bn2.num_batches_tracked"), List.copyOf(block.stateDict().keySet()));
    }

    @Test
    void aBlockThatChangesShapeHasTorchvisionsDownsampleNames() {
        BasicBlock block = new BasicBlock(3, 8, 2, new Generator(1));
        assertTrue(block.hasDownsample());
        List<String> names = List.copyOf(block.stateDict().keySet());
        assertEquals(List.of("downsample.0.weight", "downsample.1.weight", "downsample.1.bias",
                "downsample.1.running_mean", "downsample.1.running_var", "downsample.1.num_batches_tracked"),
                names.subList(names.size() - 6, names.size()));
        assertArrayEquals(new int[] {8, 3, 1, 1}, block.stateDict().get("downsample.0.weight").dims());
        assertTrue(new BasicBlock(3, 3, 2, new Generator(1)).hasDownsample(), "a stride alone needs the projection");
        assertTrue(new BasicBlock(3, 5, 1, new Generator(1)).hasDownsample(), "new channels alone need it");
    }

    @Test
    void forwardKeepsTheShapeAndPassesTheSkipPath() {
        Generator gen = new Generator(2);
        BasicBlock block = new BasicBlock(3, 3, 1, gen);
        Tensor x = Tensor.randn(gen, 2, 3, 5, 4);
        Tensor y = block.forward(x);
        assertEquals(x.shape(), y.shape());
        // With the second batch norm's scale at zero the body gives only bn2's bias (0): y = relu(x).
        Init.zeros(block.bn2().weight().value());
        assertTrue(x.relu().contentEquals(block.forward(x)));
    }

    @Test
    void strideTwoHalvesTheImageRoundingUp() {
        Generator gen = new Generator(3);
        Tensor y = new BasicBlock(3, 6, 2, gen).forward(Tensor.randn(gen, 2, 3, 7, 6));
        assertArrayEquals(new int[] {2, 6, 4, 3}, y.dims());
    }

    @Test
    void rejectsNonPositiveSizes() {
        Generator gen = new Generator(4);
        assertThrows(IllegalArgumentException.class, () -> new BasicBlock(0, 4, 1, gen));
        assertThrows(IllegalArgumentException.class, () -> new BasicBlock(4, 4, 0, gen));
    }

    /**
     * Central differences through both convolutions, the batch norms (batch statistics, training mode)
     * and the skip path, for the input and every parameter. A difference across a ReLU kink would be
     * wrong, so the step is {@code h = 1e-3} and the test first asserts that every pre-activation is at
     * least {@code 5h} from 0 (a step moves them by about {@code h} times a gradient of order 1). At that
     * step the float rounding of {@code L} (outputs of order 1, about {@code 1e-6}) gives differences
     * accurate to about {@code 5e-4}, well inside GradCheck's {@code atol 5e-3}.
     */
    @Test
    void gradientCheckThroughTheIdentityBlock() {
        gradientCheck(new BasicBlock(2, 2, 1, new Generator(3)), new Generator(30), 2, 2, 4, 4);
    }

    @Test
    void gradientCheckThroughTheDownsamplingBlock() {
        gradientCheck(new BasicBlock(2, 3, 2, new Generator(5)), new Generator(50), 2, 2, 5, 4);
    }

    private static void gradientCheck(BasicBlock block, Generator gen, int... inputShape) {
        for (Module m : block.namedModules().values()) {
            if (m instanceof BatchNorm2d bn) {
                Init.uniform(bn.weight().value(), 0.5, 1.5, gen);
                Init.uniform(bn.bias().value(), -0.5, 0.5, gen);
            }
        }
        Tensor x = Tensor.randn(gen, inputShape).detach();
        double h = 1e-3;
        try (var scope = Grad.disabled()) {
            Conv2d conv1 = (Conv2d) block.namedChildren().get("conv1");
            BatchNorm2d bn1 = (BatchNorm2d) block.namedChildren().get("bn1");
            Conv2d conv2 = (Conv2d) block.namedChildren().get("conv2");
            Tensor first = bn1.forward(conv1.forward(x));
            Tensor beforeSum = block.bn2().forward(conv2.forward(first.relu()));
            Tensor shortcut = block.hasDownsample() ? block.namedChildren().get("downsample").forward(x) : x;
            for (Tensor pre : List.of(first, beforeSum.add(shortcut))) {
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
