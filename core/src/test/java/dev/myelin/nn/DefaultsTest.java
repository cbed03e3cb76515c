package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.myelin.Myelin;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The short forms a PyTorch user writes: layers without a generator draw from the default generator,
 * which {@code Myelin.manualSeed} reseeds; named options; functional calls with PyTorch's defaults.
 * Each short form must equal the long form it stands for, whose numbers the golden tests hold to PyTorch's.
 */
class DefaultsTest {
    @AfterEach
    void restoreTheDefaultSeed() {
        Myelin.manualSeed(Generator.DEFAULT_SEED);
    }

    private static void assertSameState(Module a, Module b) {
        Map<String, Tensor> left = a.stateDict();
        Map<String, Tensor> right = b.stateDict();
        assertEquals(left.keySet(), right.keySet());
        for (String key : left.keySet()) {
            assertArrayEquals(left.get(key).toArray(), right.get(key).toArray(), key);
        }
    }

    @Test
    void manualSeedMakesTheDefaultGeneratorANewGeneratorOfThatSeed() {
        Myelin.manualSeed(7);
        Linear a = new Linear(5, 3);
        Conv2d c = new Conv2d(2, 4, 3);
        BasicBlock block = new BasicBlock(4, 8, 2);
        Generator g = new Generator(7);
        assertSameState(a, new Linear(5, 3, g));
        assertSameState(c, new Conv2d(2, 4, 3, 1, 0, 1, true, g));
        assertSameState(block, new BasicBlock(4, 8, 2, g));

        Myelin.manualSeed(7);
        assertSameState(a, new Linear(5, 3)); // the same seed again, the same layer again
        assertNotEquals(a.weight().value().toArray()[0], new Linear(5, 3).weight().value().toArray()[0]);
    }

    @Test
    void namedOptionsGiveTheLongForm() {
        Myelin.manualSeed(3);
        Conv2d named = new Conv2d(3, 6, 5, Conv2d.options().stride(2).padding(1).dilation(2).bias(false));
        assertSameState(named, new Conv2d(3, 6, 5, 2, 1, 2, false, new Generator(3)));
        assertEquals(null, named.bias());
        Conv2d.Options base = Conv2d.options().padding(1);
        assertEquals(1, base.padding());
        assertEquals(0, Conv2d.options().padding(), "setters return a new value, the shared one unchanged");
        assertThrows(NullPointerException.class, () -> Conv2d.options().generator(null));
    }

    @Test
    void poolingOptionsDefaultToTorchsAndGiveTheLongForm() {
        Tensor x = Tensor.randn(new Generator(12), 2, 3, 9, 8);
        assertEquals(new AvgPool2d(3).window(), new AvgPool2d(3, AvgPool2d.options()).window(), "stride = kernel");
        AvgPool2d plain = new AvgPool2d(3, AvgPool2d.options());
        assertEquals(true, plain.countIncludePad());
        assertEquals(false, plain.window().ceilMode());
        assertEquals(0, plain.divisorOverride());
        assertArrayEquals(new AvgPool2d(3, 2, 1).forward(x).toArray(),
                new AvgPool2d(3, AvgPool2d.options().stride(2).padding(1)).forward(x).toArray());
        AvgPool2d named = new AvgPool2d(3, AvgPool2d.options().stride(2).padding(1).ceilMode(true).countIncludePad(false)
                .divisorOverride(5));
        assertArrayEquals(Functional.avgPool2d(x, 3, 3, 2, 2, 1, 1, true, false, 5).toArray(), named.forward(x).toArray());
        assertEquals(new PoolWindow2d(3, 3, 2, 2, 1, 1, true), named.window());
        assertArrayEquals(Functional.avgPool2d(x, 3, 3, 2, 2, 1, 1, true, false, 0).toArray(),
                Functional.avgPool2d(x, 3, 2, 1, true, false).toArray());
        assertArrayEquals(Functional.avgPool2d(x, 3, 2, 1).toArray(), Functional.avgPool2d(x, 3, 2, 1, false, true).toArray());

        assertEquals(new MaxPool2d(2).window(), new MaxPool2d(2, MaxPool2d.options()).window(), "stride = kernel");
        assertArrayEquals(new MaxPool2d(3, 2, 1).forward(x).toArray(),
                new MaxPool2d(3, MaxPool2d.options().stride(2).padding(1)).forward(x).toArray());
        AvgPool2d.Options shared = AvgPool2d.options().stride(1);
        shared.ceilMode(true);
        assertEquals(false, shared.ceilMode(), "setters return a new value, the shared one unchanged");
    }

    @Test
    void functionalDefaultsAreTorchs() {
        Generator g = new Generator(11);
        Tensor x = Tensor.randn(g, 2, 3, 8, 8);
        Tensor w = Tensor.randn(g, 4, 3, 3, 3);
        Tensor b = Tensor.randn(g, 4);
        assertArrayEquals(Functional.conv2d(x, w, null, 1, 0, 1).toArray(), Functional.conv2d(x, w).toArray());
        assertArrayEquals(Functional.conv2d(x, w, b, 1, 0, 1).toArray(), Functional.conv2d(x, w, b).toArray());
        assertArrayEquals(Functional.maxPool2d(x, 2, 2, 0).toArray(), Functional.maxPool2d(x, 2).toArray());
        assertArrayEquals(Functional.avgPool2d(x, 2, 2, 0).toArray(), Functional.avgPool2d(x, 2).toArray());
        Myelin.manualSeed(5);
        Tensor dropped = Functional.dropout(x, 0.3f, true);
        assertArrayEquals(Functional.dropout(x, 0.3f, true, new Generator(5)).toArray(), dropped.toArray());
        assertArrayEquals(x.toArray(), Functional.dropout(x, 0.3f, false).toArray());
    }

    @Test
    void dropoutLayersDefaultToHalf() {
        Myelin.manualSeed(9);
        Dropout layer = new Dropout();
        Tensor x = Tensor.ones(1000);
        float[] y = layer.forward(x).toArray();
        float[] expected = Functional.dropout(x, 0.5f, true, new Generator(9)).toArray();
        assertArrayEquals(expected, y);
    }
}
