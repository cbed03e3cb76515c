package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * neg, exp, log, sqrt and pow against double-precision references, their gradients by finite
 * differences, and their edge cases. The kernels compute in double and round once, so results must
 * agree with the double reference to float rounding ({@code rtol 1e-6}, {@code atol 1e-7} near zero).
 */
class PointwiseTest {
    private static final double RTOL = 1e-6;
    private static final double ATOL = 1e-7;

    @Provide
    Arbitrary<int[]> shapes() {
        return RandomShapes.shapes();
    }

    /** Checks {@code op(x)} element by element against {@code reference} evaluated in double. */
    static void assertMapsLike(Tensor x, UnaryOperator<Tensor> op, DoubleUnaryOperator reference, double atol, double rtol) {
        Tensor y = op.apply(x);
        Tensor expected = Tensor.zeros(x.dims());
        for (int i = 0; i < x.size(); i++) {
            expected.data[i] = (float) reference.applyAsDouble(x.data[x.offset + i]);
        }
        Tensors.assertClose(expected, y, atol, rtol);
    }

    @Property(tries = 60)
    void negFlipsTheSign(@ForAll @From("shapes") int[] dims, @ForAll long seed) {
        assertMapsLike(Tensor.randn(new Generator(seed), dims), Tensor::neg, v -> -v, 0, 0);
    }

    @Property(tries = 60)
    void expMatchesDouble(@ForAll @From("shapes") int[] dims, @ForAll long seed) {
        assertMapsLike(Tensor.randn(new Generator(seed), dims).mul(3f), Tensor::exp, Math::exp, ATOL, RTOL);
    }

    @Property(tries = 60)
    void logMatchesDouble(@ForAll @From("shapes") int[] dims, @ForAll long seed) {
        assertMapsLike(Tensors.uniform(seed, 1e-3f, 50f, dims), Tensor::log, Math::log, ATOL, RTOL);
    }

    @Property(tries = 60)
    void sqrtMatchesDouble(@ForAll @From("shapes") int[] dims, @ForAll long seed) {
        assertMapsLike(Tensors.uniform(seed, 0f, 50f, dims), Tensor::sqrt, Math::sqrt, ATOL, RTOL);
    }

    @Property(tries = 100)
    void powMatchesDouble(@ForAll @From("shapes") int[] dims, @ForAll long seed) {
        float[] exponents = {2f, 3f, -1f, -2.5f, 0.5f, 1.7f, 0f, 1f};
        float p = exponents[Math.floorMod(seed, exponents.length)];
        Tensor x = Tensors.uniform(seed, 0.1f, 4f, dims);
        assertMapsLike(x, t -> t.pow(p), v -> Math.pow(v, p), ATOL, RTOL);
        // Integer exponents are defined on negative inputs too.
        Tensor signed = Tensor.randn(new Generator(seed), dims);
        assertMapsLike(signed, t -> t.pow(3f), v -> v * v * v, ATOL, RTOL);
    }

    @Test
    void gradients() {
        GradCheck.check(in -> in[0].neg(), Tensor.randn(new Generator(1), 3, 4));
        GradCheck.check(in -> in[0].exp(), Tensor.randn(new Generator(2), 3, 4));
        GradCheck.check(in -> in[0].log(), Tensors.uniform(3, 0.5f, 3f, 3, 4));
        GradCheck.check(in -> in[0].sqrt(), Tensors.uniform(4, 0.5f, 3f, 3, 4));
    }

    @Test
    void powGradients() {
        // Positive inputs in [1, 2] for every exponent: there x^p is smooth enough that the central
        // difference's truncation error stays below the default tolerance even for p = -2.
        for (float p : new float[] {2f, 3f, 0.5f, -1f, -2f, 1.5f, -0.5f, 0f, 1f}) {
            GradCheck.check(in -> in[0].pow(p), Tensors.uniform(10 + (long) (p * 10), 1f, 2f, 2, 5));
        }
        // x^2 on inputs of either sign.
        GradCheck.check(in -> in[0].pow(2f), Tensor.randn(new Generator(5), 4, 3));
    }

    @Test
    void powZeroHasZeroGradientEvenAtZero() {
        Tensor x = Tensor.of(new float[] {0f, 2f, -3f}).requiresGrad(true);
        x.pow(0f).sum().backward();
        assertArrayEquals(new float[] {0f, 0f, 0f}, x.grad().toArray());
        assertArrayEquals(new float[] {1f, 1f, 1f}, Tensor.of(new float[] {0f, 2f, -3f}).pow(0f).toArray());
    }

    @Test
    void domainEdges() {
        Tensor y = Tensor.of(new float[] {0f, -1f}).log();
        assertEquals(Float.NEGATIVE_INFINITY, y.get(0));
        assertTrue(Float.isNaN(y.get(1)));
        assertTrue(Float.isNaN(Tensor.of(new float[] {-1f}).sqrt().get(0)));
        assertTrue(Float.isNaN(Tensor.of(new float[] {-8f}).pow(1f / 3f).get(0)), "fractional power of a negative base");
        assertEquals(Float.POSITIVE_INFINITY, Tensor.of(new float[] {100f}).exp().get(0));
        assertEquals(0f, Tensor.of(new float[] {-200f}).exp().get(0));
    }

    @Test
    void viewsWithAnOffsetAreReadFromTheirOffset() {
        float[] storage = {9f, 1f, 4f, 16f};
        Tensor view = new Tensor(storage, 1, Shape.of(3));
        assertArrayEquals(new float[] {1f, 2f, 4f}, view.sqrt().toArray());
    }

    @Test
    void opUsedTwiceAccumulatesItsGradient() {
        Tensor x = Tensor.of(new float[] {0.5f, -1f, 2f}).requiresGrad(true);
        x.exp().add(x.exp()).sum().backward();
        for (int i = 0; i < 3; i++) {
            assertEquals(2 * Math.exp(x.get(i)), x.grad().get(i), 1e-5);
        }
        Tensor y = Tensor.of(new float[] {0.5f, -1f, 2f}).requiresGrad(true);
        y.mul(y).sum().backward();
        assertArrayEquals(new float[] {1f, -2f, 4f}, y.grad().toArray());
    }
}
