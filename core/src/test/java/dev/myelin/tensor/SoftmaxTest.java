package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * softmax and logSoftmax along a random dimension against a naive double reference, their gradients
 * along several dimensions, stability, and errors. Softmax values lie in [0, 1] and agree to
 * {@code atol 1e-7, rtol 1e-5}; log-softmax values of order 10 agree to {@code atol 1e-5}.
 */
class SoftmaxTest {
    @Provide
    Arbitrary<int[]> shapes() {
        return RandomShapes.shapes();
    }

    /** Softmax (or log-softmax) along {@code dim}, each row gathered and computed in double. */
    static Tensor naive(Tensor x, int dim, boolean log) {
        int[] shape = x.dims();
        int d = (dim + shape.length) % shape.length;
        Tensor out = Tensor.zeros(shape);
        for (int flat = 0; flat < x.size(); flat++) {
            int[] index = RandomShapes.unravel(flat, shape);
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < shape[d]; k++) {
                index[d] = k;
                max = Math.max(max, x.get(index));
            }
            double sum = 0;
            for (int k = 0; k < shape[d]; k++) {
                index[d] = k;
                sum += Math.exp(x.get(index) - max);
            }
            double v = x.data[flat] - max;
            out.data[flat] = (float) (log ? v - Math.log(sum) : Math.exp(v) / sum);
        }
        return out;
    }

    @Property(tries = 100)
    void softmaxAndLogSoftmaxMatchNaiveReference(@ForAll @From("shapes") int[] shape, @ForAll long seed) {
        Generator g = new Generator(seed);
        Tensor x = Tensor.randn(g, shape).mul(4f);
        int dim = g.nextInt(shape.length) - (g.nextInt(2) == 0 ? 0 : shape.length);
        Tensors.assertClose(naive(x, dim, false), x.softmax(dim), 1e-7, 1e-5);
        Tensors.assertClose(naive(x, dim, true), x.logSoftmax(dim), 1e-5, 1e-6);
    }

    @Test
    void gradients() {
        Tensor x = Tensor.randn(new Generator(31), 3, 4, 5);
        for (int dim : new int[] {0, 1, 2, -1}) {
            GradCheck.check(in -> in[0].softmax(dim), x);
            GradCheck.check(in -> in[0].logSoftmax(dim), x);
        }
    }

    @Test
    void largeInputsStayFinite() {
        Tensor p = Tensor.of(new float[] {1000f, 1001f}).softmax(0);
        assertEquals(1 / (1 + Math.E), p.get(0), 1e-7);
        assertEquals(Math.E / (1 + Math.E), p.get(1), 1e-7);
        Tensor logP = Tensor.of(new float[] {1e30f, -1e30f, 5e29f}, 1, 3).logSoftmax(1);
        assertEquals(0f, logP.get(0, 0));
        for (float v : logP.toArray()) {
            assertTrue(Float.isFinite(v), "log-softmax of huge logits must stay finite: " + logP);
        }
        Tensor x = Tensor.of(new float[] {1000f, 1001f, -1000f}).requiresGrad(true);
        x.logSoftmax(0).mul(Tensor.of(new float[] {1f, 2f, 3f})).sum().backward();
        for (float v : x.grad().toArray()) {
            assertTrue(Float.isFinite(v), "gradient must stay finite: " + x.grad());
        }
    }

    @Test
    void softmaxRowsSumToOne() {
        Tensor p = Tensor.randn(new Generator(32), 4, 7, 3).mul(10f).softmax(1);
        Tensor sums = p.sum(1);
        for (float s : sums.toArray()) {
            assertEquals(1f, s, 1e-6);
        }
    }

    @Test
    void errorsNameTheOpAndShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).softmax(2));
        assertTrue(e.getMessage().contains("softmax") && e.getMessage().contains("[2, 3]"), e.getMessage());
        var l = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).logSoftmax(-3));
        assertTrue(l.getMessage().contains("logSoftmax") && l.getMessage().contains("[2, 3]"), l.getMessage());
    }

    @Test
    void softmaxUsedTwiceAccumulates() {
        Tensor x = Tensor.randn(new Generator(33), 2, 3).requiresGrad(true);
        Tensor w = Tensor.randn(new Generator(34), 2, 3);
        x.softmax(1).mul(w).add(x.softmax(1).mul(w)).sum().backward();
        Tensor single = x.detach().copy().requiresGrad(true);
        single.softmax(1).mul(w).sum().backward();
        Tensors.assertClose(single.grad().mul(2f), x.grad(), 1e-7, 1e-6);
    }
}
