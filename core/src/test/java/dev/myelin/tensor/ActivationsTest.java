package dev.myelin.tensor;

import static dev.myelin.tensor.PointwiseTest.assertMapsLike;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * relu, leakyRelu, sigmoid, tanh and gelu against double-precision references, their gradients, and
 * their edge cases. Tolerances as in {@link PointwiseTest}: the kernels round a double result once.
 */
class ActivationsTest {
    private static final double RTOL = 1e-6;
    private static final double ATOL = 1e-7;

    @Provide
    Arbitrary<int[]> shapes() {
        return RandomShapes.shapes();
    }

    @Property(tries = 60)
    void reluMatchesDouble(@ForAll @From("shapes") int[] dims, @ForAll long seed) {
        assertMapsLike(Tensor.randn(new Generator(seed), dims), Tensor::relu, v -> Math.max(v, 0), 0, 0);
    }

    @Property(tries = 60)
    void leakyReluMatchesDouble(@ForAll @From("shapes") int[] dims, @ForAll long seed) {
        float slope = (float) new Generator(seed).nextDouble();
        assertMapsLike(Tensor.randn(new Generator(seed), dims), t -> t.leakyRelu(slope),
                v -> v > 0 ? v : (float) (v * slope), 0, 0);
    }

    @Property(tries = 60)
    void sigmoidMatchesDouble(@ForAll @From("shapes") int[] dims, @ForAll long seed) {
        assertMapsLike(Tensor.randn(new Generator(seed), dims).mul(8f), Tensor::sigmoid,
                v -> 1 / (1 + Math.exp(-v)), ATOL, RTOL);
    }

    @Property(tries = 60)
    void tanhMatchesDouble(@ForAll @From("shapes") int[] dims, @ForAll long seed) {
        assertMapsLike(Tensor.randn(new Generator(seed), dims).mul(3f), Tensor::tanh, Math::tanh, ATOL, RTOL);
    }

    /**
     * The reference Φ comes from the alternating Taylor series of erf, independent of the kernel's
     * method; inputs stay in [-4, 4], where that series keeps about 13 digits in double.
     */
    @Property(tries = 60)
    void geluMatchesTaylorSeriesReference(@ForAll @From("shapes") int[] dims, @ForAll long seed) {
        Tensor x = Tensors.uniform(seed, -4f, 4f, dims);
        assertMapsLike(x, Tensor::gelu, v -> v * 0.5 * (1 + taylorErf(v / Math.sqrt(2))), 1e-6, RTOL);
    }

    /** erf by its Maclaurin series, summed until the terms vanish. */
    static double taylorErf(double z) {
        double term = z;
        double sum = z;
        for (int n = 1; n < 200 && Math.abs(term) > 1e-18; n++) {
            term *= -z * z / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    @Test
    void geluKnownValues() {
        // x Φ(x) with Φ(1) = 0.8413447460685429, Φ(2) = 0.9772498680518208, Φ(-5) = 2.866515718791939e-7.
        Tensor y = Tensor.of(new float[] {0f, 1f, -1f, 2f, -5f, 30f, -30f}).gelu();
        assertEquals(0f, y.get(0));
        assertEquals(0.8413447460685429f, y.get(1), 1e-7);
        assertEquals(-0.15865525393145707f, y.get(2), 1e-7);
        assertEquals(1.9544997361036416f, y.get(3), 2e-7);
        assertEquals(-1.4332578593959695e-6f, y.get(4), 1e-13);
        assertEquals(30f, y.get(5));
        assertEquals(0f, y.get(6), 1e-30);
    }

    @Test
    void gradients() {
        // ReLU and leaky ReLU have a kink at 0: inputs are pushed at least 0.1 away from it, more
        // than the finite-difference step of 0.01, so every difference sees one linear piece.
        Tensor away = awayFromZero(Tensor.randn(new Generator(11), 3, 5));
        GradCheck.check(in -> in[0].relu(), away);
        GradCheck.check(in -> in[0].leakyRelu(0.1f), awayFromZero(Tensor.randn(new Generator(12), 3, 5)));
        GradCheck.check(in -> in[0].leakyRelu(-0.7f), awayFromZero(Tensor.randn(new Generator(13), 3, 5)));
        GradCheck.check(in -> in[0].sigmoid(), Tensor.randn(new Generator(14), 3, 5).mul(2f));
        GradCheck.check(in -> in[0].tanh(), Tensor.randn(new Generator(15), 3, 5).mul(2f));
        GradCheck.check(in -> in[0].gelu(), Tensor.randn(new Generator(16), 3, 5).mul(2f));
    }

    private static Tensor awayFromZero(Tensor x) {
        for (int i = 0; i < x.size(); i++) {
            x.data[i] += Math.copySign(0.1f, x.data[i]);
        }
        return x;
    }

    @Test
    void reluGradientAtZeroIsZeroAndNaNPropagates() {
        Tensor x = Tensor.of(new float[] {-1f, 0f, 2f}).requiresGrad(true);
        x.relu().sum().backward();
        assertArrayEquals(new float[] {0f, 0f, 1f}, x.grad().toArray());
        assertTrue(Float.isNaN(Tensor.of(new float[] {Float.NaN}).relu().get(0)));
    }

    @Test
    void saturatedActivationsStayFinite() {
        Tensor big = Tensor.of(new float[] {-1000f, 1000f, -100f, 100f});
        assertArrayEquals(new float[] {0f, 1f, 3.8e-44f, 1f}, big.sigmoid().toArray()); // e^-100, a float subnormal
        assertArrayEquals(new float[] {-1f, 1f, -1f, 1f}, big.tanh().toArray());
        Tensor x = Tensor.of(new float[] {-1000f, 1000f}).requiresGrad(true);
        x.sigmoid().sum().backward();
        assertArrayEquals(new float[] {0f, 0f}, x.grad().toArray());
    }
}
