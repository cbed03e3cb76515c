package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class VectorOptimizerKernelsTest {

    // The vector Adam step must give the scalar loop's bits, with and without weight decay, over
    // lengths that end in a ragged tail, with gradients spanning many magnitudes.
    @Property(tries = 60)
    void adamMatchesTheScalarLoopBitForBit(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int n,
            @ForAll boolean decoupled, @ForAll boolean l2, @ForAll @IntRange(min = 1, max = 1000) int step) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = values(r, n, 1);
        float[] g = values(r, n, 1e-3);
        float[] m = values(r, n, 1e-3);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 1e-5);
        }
        float lr = 1e-3f;
        float decay = decoupled ? 1 - lr * 0.01f : 1f;
        float weightDecay = l2 ? 5e-4f : 0f;
        float bc2 = (float) Math.sqrt(1 - Math.pow(0.999, step));
        float negStep = (float) (-lr / (1 - Math.pow(0.9, step)));
        float[] ps = p.clone(), ms = m.clone(), vs = v.clone();
        AdamCoefficients c = new AdamCoefficients();
        c.decay = decay;
        c.l2 = weightDecay;
        c.beta1 = 0.9f;
        c.oneMinusBeta1 = 0.1f;
        c.beta2 = 0.999f;
        c.oneMinusBeta2 = 0.001f;
        c.biasCorrection2Sqrt = bc2;
        c.eps = 1e-8f;
        c.negStepSize = negStep;
        OptimizerKernels.adamScalar(ps, 0, g, 0, ms, 0, vs, 0, n, c);
        VectorOptimizerKernels.adam(p, 0, g, 0, m, 0, v, 0, n, c);
        assertArrayEquals(ps, p, "parameters");
        assertArrayEquals(ms, m, "first moments");
        assertArrayEquals(vs, v, "second moments");
    }

    private static float[] values(SplittableRandom r, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * scale * Math.pow(10, r.nextInt(-3, 3)));
        }
        return x;
    }
}
