package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration, traversal order and names, modes and printing of {@link Module}. */
class ModuleTest {
    /** A custom module that composes ops freely and owns a parameter, a buffer and children. */
    static final class Mlp extends Module {
        final Linear fc1;
        final BatchNorm1d bn;
        final Linear fc2;
        final Parameter scale;

        Mlp(Generator gen) {
            scale = registerParameter("scale", new Parameter(Tensor.ones(1)));
            registerBuffer("calls", Tensor.scalar(0f));
            fc1 = registerModule("fc1", new Linear(4, 8, gen));
            bn = registerModule("bn", new BatchNorm1d(8));
            fc2 = registerModule("fc2", new Linear(8, 3, gen));
        }

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(bn.forward(fc1.forward(x)).tanh()).mul(scale.value());
        }
    }

    @Test
    void namedParametersAndBuffersFollowPyTorchsOrder() {
        Mlp m = new Mlp(new Generator(1));
        assertEquals(List.of("scale", "fc1.weight", "fc1.bias", "bn.weight", "bn.bias", "fc2.weight", "fc2.bias"),
                List.copyOf(m.namedParameters().keySet()));
        assertEquals(List.of("calls", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked"),
                List.copyOf(m.namedBuffers().keySet()));
        assertEquals(List.of("", "fc1", "bn", "fc2"), List.copyOf(m.namedModules().keySet()));
        assertEquals(List.of("fc1", "bn", "fc2"), List.copyOf(m.namedChildren().keySet()));
        assertSame(m.fc1.weight(), m.namedParameters().get("fc1.weight"));
        assertEquals(List.copyOf(m.namedParameters().values()), m.parameters());
        Tensor y = m.forward(Tensor.randn(new Generator(2), 5, 4));
        assertEquals(List.of(5, 3), List.of(y.dim(0), y.dim(1)));
    }

    @Test
    void sharedModulesAndParametersAreListedOnce() {
        Generator gen = new Generator(3);
        Linear shared = new Linear(3, 3, gen);
        Sequential seq = new Sequential(shared, new ReLU(), shared);
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(seq.namedParameters().keySet()));
        assertEquals(2, seq.parameters().size());
        // The state dict, as PyTorch's, keeps both names.
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(seq.stateDict().keySet()));
    }

    @Test
    void trainAndEvalAreRecursive() {
        Mlp m = new Mlp(new Generator(4));
        assertTrue(m.isTraining() && m.bn.isTraining());
        assertSame(m, m.eval());
        assertFalse(m.isTraining() || m.fc1.isTraining() || m.bn.isTraining() || m.fc2.isTraining());
        m.train();
        assertTrue(m.isTraining() && m.bn.isTraining());
        m.train(false);
        assertFalse(m.bn.isTraining());
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Mlp m = new Mlp(new Generator(5));
        m.forward(Tensor.randn(new Generator(6), 4, 4)).sum().backward();
        assertTrue(m.parameters().stream().allMatch(p -> p.grad() != null));
        m.zeroGrad();
        assertTrue(m.parameters().stream().allMatch(p -> p.grad() == null));
    }

    @Test
    void registrationRejectsBadNames() {
        class Bad extends Module {
            @Override
            public Tensor forward(Tensor x) {
                return x;
            }

            void register(String name) {
                registerParameter(name, new Parameter(Tensor.zeros(1)));
            }
        }
        Bad bad = new Bad();
        bad.register("w");
        var duplicate = assertThrows(IllegalArgumentException.class, () -> bad.register("w"));
        assertTrue(duplicate.getMessage().contains("'w' is already registered"), duplicate.getMessage());
        var dotted = assertThrows(IllegalArgumentException.class, () -> bad.register("a.b"));
        assertTrue(dotted.getMessage().contains("'.'"), dotted.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bad.register(""));
    }

    @Test
    void layersWithoutBiasRegisterNone() {
        Linear fc = new Linear(3, 2, false, new Generator(7));
        assertNull(fc.bias());
        assertEquals(List.of("weight"), List.copyOf(fc.namedParameters().keySet()));
        BatchNorm2d bn = new BatchNorm2d(4, 1e-5, 0.1, false, false);
        assertTrue(bn.stateDict().isEmpty());
    }

    @Test
    void sequentialIndexing() {
        ReLU relu = new ReLU();
        Tanh tanh = new Tanh();
        Sequential seq = new Sequential(relu).append(tanh);
        assertEquals(2, seq.size());
        assertSame(relu, seq.get(0));
        assertSame(tanh, seq.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> seq.get(2));
        Tensor x = Tensor.of(new float[] {-1, 0.5f});
        assertTrue(x.relu().tanh().contentEquals(seq.forward(x)));
    }

    @Test
    void printsLikePyTorch() {
        Generator gen = new Generator(8);
        Sequential model = new Sequential(new Conv2d(1, 8, 3, 1, 1, gen), new BatchNorm2d(8), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Dropout(0.25f, gen), new Linear(8 * 14 * 14, 10, gen));
        assertEquals("""
                Sequential(
                  (0): Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
                  (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
                  (2): ReLU()
                  (3): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
                  (4): Flatten(start_dim=1, end_dim=-1)
                  (5): Dropout(p=0.25, inplace=False)
                  (6): Linear(in_features=1568, out_features=10, bias=True)
                )""", model.toString());
        Mlp nested = new Mlp(gen);
        assertTrue(nested.toString().startsWith("Mlp(\n  (fc1): Linear(in_features=4, out_features=8, bias=True)\n"),
                nested.toString());
        assertEquals("Conv2d(3, 4, kernel_size=(1, 2), stride=(2, 1), dilation=(2, 2), bias=False)",
                new Conv2d(3, 4, 1, 2, 2, 1, 0, 0, 2, 2, false, gen).toString());
        assertEquals("BatchNorm1d(3, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)",
                new BatchNorm1d(3, 1e-3, 0.01, true, true).toString());
        // PyTorch's AvgPool2d prints kernel_size, stride and padding only; Myelin adds the options that
        // differ from their defaults.
        assertEquals("AvgPool2d(kernel_size=2, stride=2, padding=0)", new AvgPool2d(2).toString());
        assertEquals("AvgPool2d(kernel_size=(3, 2), stride=(1, 2), padding=(1, 0))",
                new AvgPool2d(3, 2, 1, 2, 1, 0).toString());
        assertEquals("AvgPool2d(kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=False, "
                + "divisor_override=4)", new AvgPool2d(3, AvgPool2d.options().stride(2).padding(1).ceilMode(true)
                        .countIncludePad(false).divisorOverride(4)).toString());
        assertEquals("MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)",
                new MaxPool2d(3, MaxPool2d.options().stride(2).padding(1)).toString());
    }
}
