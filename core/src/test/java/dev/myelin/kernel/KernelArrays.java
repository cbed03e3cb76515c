package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Random inputs and comparisons for the kernel tests (which cannot use the tensor package's helpers). */
final class KernelArrays {
    private KernelArrays() {
    }

    /** {@code n} standard normal floats scaled by {@code scale}, after {@code offset} slots of junk. */
    static float[] gaussian(SplittableRandom random, int offset, int n, double scale) {
        float[] x = new float[offset + n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (scale * nextGaussian(random));
        }
        return x;
    }

    private static double nextGaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Fails unless every element agrees within {@code atol + rtol |expected|} (NaN matches NaN). */
    static void assertClose(String what, float[] expected, float[] actual, double atol, double rtol) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.isNaN(e) && Float.isNaN(a)) {
                continue;
            }
            if (!(Math.abs(e - a) <= atol + rtol * Math.abs(e))) {
                fail(what + ": element " + i + " expected " + e + " but was " + a);
            }
        }
    }
}
