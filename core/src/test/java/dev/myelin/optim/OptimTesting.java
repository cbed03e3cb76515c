package dev.myelin.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;

/** Helpers shared by the optimizer tests. */
final class OptimTesting {
    private OptimTesting() {
    }

    /**
     * Gives {@code p} the gradient {@code g} the way training does, by back-propagating {@code sum(p * g)},
     * whose gradient with respect to {@code p} is exactly {@code g} (1 times each element).
     */
    static void setGrad(Parameter p, Tensor g) {
        p.value().mul(g).sum().backward();
    }

    /** Fails unless the shapes match and every element is within {@code rtol * |expected|} (NaN matches NaN). */
    static void assertClose(Tensor expected, Tensor actual, double rtol, String what) {
        assertArrayEquals(expected.dims(), actual.dims(), what + ": shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            boolean bothNaN = Float.isNaN(e[i]) && Float.isNaN(a[i]);
            if (!bothNaN && !(Math.abs(e[i] - a[i]) <= rtol * Math.abs(e[i]))) {
                fail(what + ", element " + i + ": expected " + e[i] + " but was " + a[i] + " (rtol " + rtol + ")");
            }
        }
    }

    /** A parameter holding a copy of {@code values}. */
    static Parameter param(Tensor values) {
        return new Parameter(Tensor.of(values.toArray(), values.dims()));
    }
}
