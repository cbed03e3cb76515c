package dev.myelin.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;

/**
 * Test helpers for modules, through the public tensor API only: tensor comparison and a gradient check
 * over a module's parameters and input. The gradient check is {@code dev.myelin.tensor.GradCheck}'s
 * method (same step, tolerances and justification; see there), written against {@link Tensor#array()}.
 */
final class NnTesting {
    static final double H = 1e-2;
    static final double ATOL = 5e-3;
    static final double RTOL = 1e-2;

    private NnTesting() {
    }

    /** Fails unless the shapes match and every element is within {@code atol + rtol * |expected|}. */
    static void assertClose(Tensor expected, Tensor actual, double atol, double rtol) {
        assertEquals(expected.shape(), actual.shape(), "shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]))) {
                fail("element " + i + " of shape " + expected.shape() + ": expected " + e[i] + " but was " + a[i]
                        + " (atol " + atol + ", rtol " + rtol + ")");
            }
        }
    }

    /** A tensor of uniform values in [lo, hi) from a seeded generator. */
    static Tensor uniform(long seed, float lo, float hi, int... dims) {
        return Tensor.rand(new Generator(seed), dims).mul(hi - lo).add(lo).detach();
    }

    /**
     * Compares the autograd gradient of {@code L = sum(f() * R)}, for a fixed random projection R, with
     * central differences for every element of every tensor in {@code wrt}, which must be leaves that
     * {@code f} reads (parameters, inputs). {@code f} must be deterministic: call it in evaluation mode
     * or with batch statistics only.
     */
    static void gradCheck(Supplier<Tensor> f, List<Tensor> wrt) {
        gradCheck(H, f, wrt);
    }

    /** As {@link #gradCheck(Supplier, List)} with step {@code h}. */
    static void gradCheck(double h, Supplier<Tensor> f, List<Tensor> wrt) {
        for (Tensor t : wrt) {
            t.zeroGrad();
            t.requiresGrad(true);
        }
        Tensor out = f.get();
        Tensor projection = Tensor.randn(new Generator(20240601L), out.dims());
        out.backward(projection);
        for (int which = 0; which < wrt.size(); which++) {
            Tensor x = wrt.get(which);
            float[] analytic = x.grad() == null ? null : x.grad().toArray();
            float[] data = x.array();
            for (int i = 0; i < x.size(); i++) {
                int at = x.arrayOffset() + i;
                float original = data[at];
                data[at] = (float) (original + h);
                float plus = data[at];
                double lPlus = projected(f, projection);
                data[at] = (float) (original - h);
                float minus = data[at];
                double lMinus = projected(f, projection);
                data[at] = original;
                double numeric = (lPlus - lMinus) / ((double) plus - (double) minus);
                double got = analytic == null ? 0.0 : analytic[i];
                if (Math.abs(got - numeric) > ATOL + RTOL * Math.abs(numeric)) {
                    fail("gradient of tensor " + which + " (shape " + x.shape() + ") at flat index " + i
                            + ": autograd " + got + ", finite difference " + numeric);
                }
            }
        }
    }

    private static double projected(Supplier<Tensor> f, Tensor projection) {
        try (var scope = Grad.disabled()) {
            float[] out = f.get().toArray();
            float[] r = projection.toArray();
            double sum = 0;
            for (int i = 0; i < out.length; i++) {
                sum += (double) out[i] * r[i];
            }
            return sum;
        }
    }
}
