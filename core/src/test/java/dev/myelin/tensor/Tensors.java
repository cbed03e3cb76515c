package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Assertions on tensors for tests. */
final class Tensors {
    private Tensors() {
    }

    /** Fails unless the shapes match and every element is within {@code atol + rtol * |expected|}. */
    static void assertClose(Tensor expected, Tensor actual, double atol, double rtol) {
        assertEquals(expected.shape(), actual.shape(), "shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            if (Float.isNaN(e[i]) && Float.isNaN(a[i])) {
                continue;
            }
            if (!(Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]))) {
                fail("element " + i + " of shape " + expected.shape() + ": expected " + e[i] + " but was " + a[i]
                        + " (atol " + atol + ", rtol " + rtol + ")");
            }
        }
    }

    /** A tensor of uniform values in [lo, hi) from a seeded generator. */
    static Tensor uniform(long seed, float lo, float hi, int... dims) {
        Tensor t = Tensor.rand(new Generator(seed), dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = lo + (hi - lo) * t.data[i];
        }
        return t;
    }
}
