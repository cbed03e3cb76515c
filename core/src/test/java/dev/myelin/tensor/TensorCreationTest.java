package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorCreationTest {
    @Test
    void factoriesFillAsNamed() {
        assertArrayEquals(new float[6], Tensor.zeros(2, 3).toArray());
        assertArrayEquals(new float[] {1, 1}, Tensor.ones(2).toArray());
        assertArrayEquals(new float[] {7, 7, 7}, Tensor.full(7, 3).toArray());
        assertArrayEquals(new float[] {0, 1, 2, 3}, Tensor.arange(4).toArray());
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f}, Tensor.arange(1, 3, 0.5f).toArray());
        assertEquals(2.5f, Tensor.scalar(2.5f).item());
        assertEquals(0, Tensor.scalar(1).rank());
    }

    @Test
    void ofCopiesAndChecksTheCount() {
        float[] values = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(values, 2, 3);
        values[0] = 100;
        assertEquals(1f, t.get(0, 0));
        assertEquals(6f, t.get(1, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(values, 4, 2));
        assertTrue(e.getMessage().contains("[4, 2]"), e.getMessage());
    }

    @Test
    void sameSeedSameNumbersAndPlausibleStatistics() {
        Tensor a = Tensor.randn(new Generator(7), 10_000);
        Tensor b = Tensor.randn(new Generator(7), 10_000);
        assertTrue(a.contentEquals(b));
        double mean = 0;
        double sq = 0;
        for (float v : a.toArray()) {
            mean += v;
            sq += v * v;
        }
        mean /= a.size();
        double var = sq / a.size() - mean * mean;
        assertEquals(0, mean, 0.05);
        assertEquals(1, var, 0.05);
        for (float v : Tensor.rand(new Generator(1), 1000).toArray()) {
            assertTrue(v >= 0 && v < 1);
        }
    }

    @Test
    void generatorStateRestoresTheSequence() {
        Generator g = new Generator(3);
        g.nextGaussian();
        long[] state = g.state();
        double next = g.nextGaussian();
        long after = g.nextLong();
        g.restore(state);
        assertEquals(next, g.nextGaussian());
        assertEquals(after, g.nextLong());
    }

    @Test
    void reshapeIsAViewAndCopyIsNot() {
        Tensor t = Tensor.arange(6);
        Tensor view = t.reshape(2, -1);
        assertEquals(Shape.of(2, 3), view.shape());
        assertSame(t.data, view.data);
        Tensor copy = view.copy();
        assertNotSame(t.data, copy.data);
        assertTrue(copy.contentEquals(view));
        var e = assertThrows(IllegalArgumentException.class, () -> t.reshape(4, -1));
        assertTrue(e.getMessage().contains("reshape") && e.getMessage().contains("[6]"), e.getMessage());
    }

    @Test
    void itemNeedsOneElement() {
        var e = assertThrows(IllegalStateException.class, () -> Tensor.zeros(2).item());
        assertTrue(e.getMessage().contains("[2]"));
    }
}
