package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.kernel.BinaryKernels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BinaryOpsTest {
    /** Naive broadcasting: for every output index, find each operand's element by its own index arithmetic. */
    private static float[] naive(BinaryKernels.Op op, Tensor a, Tensor b, Shape out) {
        float[] result = new float[out.size()];
        int[] dims = out.dims();
        for (int flat = 0; flat < result.length; flat++) {
            int[] index = new int[dims.length];
            int rest = flat;
            for (int d = dims.length - 1; d >= 0; d--) {
                index[d] = rest % dims[d];
                rest /= dims[d];
            }
            result[flat] = op.apply(element(a, index), element(b, index));
        }
        return result;
    }

    private static float element(Tensor t, int[] outIndex) {
        int[] own = t.dims();
        int shift = outIndex.length - own.length;
        int flat = 0;
        for (int d = 0; d < own.length; d++) {
            flat = flat * own[d] + (own[d] == 1 ? 0 : outIndex[d + shift]);
        }
        return t.toArray()[flat];
    }

    @Property(tries = 200)
    void broadcastingMatchesNaiveIndexing(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int which,
            @ForAll boolean swap) {
        Generator g = new Generator(seed);
        int[] full = RandomShapes.shape(g, 4);
        Tensor a = Tensor.randn(g, full);
        Tensor b = Tensor.randn(g, RandomShapes.broadcastableTo(g, full)).add(3f); // keep divisors away from 0
        if (swap) {
            Tensor t = a;
            a = b;
            b = t;
        }
        BinaryKernels.Op op = BinaryKernels.Op.values()[which];
        Tensor out = switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
        };
        Shape expectedShape = Shape.broadcast("test", a.shape(), b.shape());
        assertEquals(expectedShape, out.shape());
        // Both compute one float operation per element, so the results are bit-identical.
        org.junit.jupiter.api.Assertions.assertArrayEquals(naive(op, a, b, expectedShape), out.toArray());
    }

    @Property(tries = 60)
    void broadcastGradientsSumOverBroadcastDimensions(@ForAll long seed) {
        Generator g = new Generator(seed);
        int[] full = RandomShapes.shape(g, 3);
        Tensor a = Tensor.randn(g, full);
        Tensor b = Tensor.randn(g, RandomShapes.broadcastableTo(g, full));
        GradCheck.check(in -> in[0].add(in[1]), a, b);
        GradCheck.check(in -> in[0].sub(in[1]), a, b);
        GradCheck.check(in -> in[0].mul(in[1]), a, b);
    }

    @Test
    void divisionGradient() {
        Tensor a = Tensors.uniform(1, -2, 2, 3, 4);
        Tensor b = Tensors.uniform(2, 1, 3, 4);
        GradCheck.check(in -> in[0].div(in[1]), a, b);
        GradCheck.check(in -> in[1].div(in[0]), b, a.add(5f).detach());
    }

    @Test
    void scalarConveniences() {
        Tensor x = Tensor.of(new float[] {1, 2, 3});
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 1.5f, 2},
                x.add(2f).mul(0.5f).sub(0.5f).div(1f).toArray());
        GradCheck.check(in -> in[0].mul(3f).add(1f).div(2f), x);
    }

    @Test
    void sameTensorUsedTwiceAccumulates() {
        Tensor x = Tensor.of(new float[] {2, -3}).requiresGrad(true);
        x.mul(x).backward(Tensor.ones(2));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {4, -6}, x.grad().toArray());
    }

    @Test
    void shapeMismatchNamesTheOpAndShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().startsWith("add:") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[3, 2]"), e.getMessage());
    }

    @Test
    void kernelRunsAgreeWithTheScalarDefinition() {
        Generator g = new Generator(5);
        for (BinaryKernels.Op op : BinaryKernels.Op.values()) {
            for (int n : new int[] {0, 1, 7, 16, 17, 33}) {
                float[] a = Tensor.randn(g, n + 3).toArray();
                float[] b = Tensor.randn(g, n + 2).toArray();
                for (int[] strides : new int[][] {{1, 1}, {1, 0}, {0, 1}}) {
                    float[] out = new float[n + 1];
                    BinaryKernels.apply(op, a, 2, strides[0], b, 1, strides[1], out, 1, n);
                    for (int i = 0; i < n; i++) {
                        assertEquals(op.apply(a[2 + i * strides[0]], b[1 + i * strides[1]]), out[1 + i]);
                    }
                }
            }
        }
    }
}
