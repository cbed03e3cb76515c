package dev.myelin.kernel;

import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link VectorUnaryKernels} held to {@link ScalarUnaryKernels} on random lengths 0..300 (so tails
 * shorter than a vector, primes and single elements all occur), random offsets, and inputs sprinkled
 * with NaN, infinities, ±0, subnormals and values at the edges of exp's range.
 *
 * <p>Tolerances: kernels without transcendentals are IEEE-exact per element and must match bit for
 * bit. exp, log and tanh within 1 ulp and the logistic function within 2 ulp are the worst cases
 * measured over dense sweeps ({@link VectorMathTest}). GELU: 2 ulp plus 2e-7 absolute, because its Φ
 * carries the absolute error of the vector erf (≤ 1.31e-7, halved) into {@code x Φ(x)}, and near the
 * zero of the derivative (x ≈ -0.75) only the absolute error means anything.
 */
class VectorUnaryKernelsTest {
    private interface Map {
        void apply(float[] x, int xOff, float[] out, int outOff, int n);
    }

    private interface Derivative {
        void apply(float[] a, int aOff, float[] g, int gOff, float[] out, int outOff, int n);
    }

    private static void check(String what, long seed, int n, double scale, int specials, Map vector, Map scalar,
            int ulps, double atol) {
        SplittableRandom r = new SplittableRandom(seed);
        int xOff = r.nextInt(4);
        int outOff = r.nextInt(4);
        float[] x = VectorTesting.input(r, xOff, n, scale, specials);
        float[] expected = new float[outOff + n];
        float[] actual = new float[outOff + n];
        scalar.apply(x, xOff, expected, outOff, n);
        vector.apply(x, xOff, actual, outOff, n);
        VectorTesting.assertClose(what, expected, actual, ulps, atol);
    }

    private static void check(String what, long seed, int n, double scale, int specials, Derivative vector,
            Derivative scalar, int ulps, double atol) {
        SplittableRandom r = new SplittableRandom(seed);
        int aOff = r.nextInt(4);
        int gOff = r.nextInt(4);
        float[] a = VectorTesting.input(r, aOff, n, scale, specials);
        float[] g = VectorTesting.input(r, gOff, n, 1, specials);
        float[] expected = new float[n];
        float[] actual = new float[n];
        scalar.apply(a, aOff, g, gOff, expected, 0, n);
        vector.apply(a, aOff, g, gOff, actual, 0, n);
        VectorTesting.assertClose(what, expected, actual, ulps, atol);
    }

    @Property(tries = 150)
    void exactKernelsAreBitIdentical(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int n) {
        Assume.that(VectorSupport.AVAILABLE);
        check("neg", seed, n, 3, 8, VectorUnaryKernels::neg, ScalarUnaryKernels::neg, 0, 0);
        check("sqrt", seed, n, 3, 8, VectorUnaryKernels::sqrt, ScalarUnaryKernels::sqrt, 0, 0);
        check("relu", seed, n, 3, 8, VectorUnaryKernels::relu, ScalarUnaryKernels::relu, 0, 0);
        check("leakyRelu", seed, n, 3, 8, (x, xo, o, oo, m) -> VectorUnaryKernels.leakyRelu(x, xo, 0.01f, o, oo, m),
                (x, xo, o, oo, m) -> ScalarUnaryKernels.leakyRelu(x, xo, 0.01f, o, oo, m), 0, 0);
        check("reluBackward", seed, n, 3, 8, VectorUnaryKernels::reluBackward, ScalarUnaryKernels::reluBackward, 0, 0);
        check("leakyReluBackward", seed, n, 3, 8,
                (x, xo, g, go, o, oo, m) -> VectorUnaryKernels.leakyReluBackward(x, xo, 0.2f, g, go, o, oo, m),
                (x, xo, g, go, o, oo, m) -> ScalarUnaryKernels.leakyReluBackward(x, xo, 0.2f, g, go, o, oo, m), 0, 0);
        check("sqrtBackward", seed, n, 3, 8, VectorUnaryKernels::sqrtBackward, ScalarUnaryKernels::sqrtBackward, 0, 0);
        check("sigmoidBackward", seed, n, 1, 8, VectorUnaryKernels::sigmoidBackward, ScalarUnaryKernels::sigmoidBackward, 0, 0);
        check("tanhBackward", seed, n, 1, 8, VectorUnaryKernels::tanhBackward, ScalarUnaryKernels::tanhBackward, 0, 0);
    }

    // Every exponent is exact: 1 and 2 on vectors, the rest through the scalar twin. powBackward's inputs
    // carry no specials: for |x| > 1.7e38 the vector path's 2x overflows where the twin's double does not.
    @Property(tries = 100)
    void powIsBitIdentical(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int n,
            @ForAll @IntRange(min = 0, max = 6) int which) {
        Assume.that(VectorSupport.AVAILABLE);
        float p = new float[] {2f, 1f, 0f, 0.5f, 3f, -1f, 1.7f}[which];
        check("pow " + p, seed, n, 3, 8, (x, xo, o, oo, m) -> VectorUnaryKernels.pow(x, xo, p, o, oo, m),
                (x, xo, o, oo, m) -> ScalarUnaryKernels.pow(x, xo, p, o, oo, m), 0, 0);
        check("powBackward " + p, seed, n, 3, 0,
                (x, xo, g, go, o, oo, m) -> VectorUnaryKernels.powBackward(x, xo, p, g, go, o, oo, m),
                (x, xo, g, go, o, oo, m) -> ScalarUnaryKernels.powBackward(x, xo, p, g, go, o, oo, m), 0, 0);
    }

    @Property(tries = 150)
    void transcendentalsAreWithinTheirBounds(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int n) {
        Assume.that(VectorSupport.AVAILABLE);
        check("exp", seed, n, 30, 8, VectorUnaryKernels::exp, ScalarUnaryKernels::exp, 1, 0);
        check("log", seed, n, 1e3, 8, (x, xo, o, oo, m) -> VectorUnaryKernels.log(abs(x), xo, o, oo, m),
                (x, xo, o, oo, m) -> ScalarUnaryKernels.log(abs(x), xo, o, oo, m), 1, 0);
        check("log of negatives", seed, n, 1, 8, VectorUnaryKernels::log, ScalarUnaryKernels::log, 1, 0);
        check("tanh", seed, n, 3, 8, VectorUnaryKernels::tanh, ScalarUnaryKernels::tanh, 1, 0);
        check("sigmoid", seed, n, 20, 8, VectorUnaryKernels::sigmoid, ScalarUnaryKernels::sigmoid, 2, 0);
        check("gelu", seed, n, 3, 8, VectorUnaryKernels::gelu, ScalarUnaryKernels::gelu, 2, 2e-7);
    }

    // The derivative times g: the absolute part of the bound scales with |g|, so g is ±1 here.
    @Property(tries = 150)
    void geluBackwardIsWithinItsBound(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int n) {
        Assume.that(VectorSupport.AVAILABLE);
        SplittableRandom r = new SplittableRandom(seed);
        int off = r.nextInt(4);
        float[] x = VectorTesting.input(r, off, n, 3, 8);
        float[] g = new float[off + n];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextBoolean() ? 1f : -1f;
        }
        float[] expected = new float[n];
        float[] actual = new float[n];
        ScalarUnaryKernels.geluBackward(x, off, g, off, expected, 0, n);
        VectorUnaryKernels.geluBackward(x, off, g, off, actual, 0, n);
        VectorTesting.assertClose("geluBackward", expected, actual, 2, 2e-7);
    }

    private static float[] abs(float[] x) {
        float[] a = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = Math.abs(x[i]);
        }
        return a;
    }
}
