package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import dev.myelin.parallel.Parallel;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Inputs and comparisons for the tests that hold the Vector API kernels to their scalar twins. */
final class VectorTesting {
    /** Values every element-wise kernel must get right, sprinkled into the random inputs. */
    static final float[] SPECIALS = {
        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE,
        Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f, 88.7f, -87.5f, -103f, 1e-30f, -20f, 20f,
    };

    private VectorTesting() {
    }

    /**
     * {@code offset} slots of junk, then {@code n} normal floats scaled by {@code scale}, one in
     * {@code specialsOneIn} replaced by a special value (0: none).
     */
    static float[] input(SplittableRandom r, int offset, int n, double scale, int specialsOneIn) {
        float[] x = KernelArrays.gaussian(r, offset, n, scale);
        if (specialsOneIn > 0) {
            for (int i = offset; i < x.length; i++) {
                if (r.nextInt(specialsOneIn) == 0) {
                    x[i] = SPECIALS[r.nextInt(SPECIALS.length)];
                }
            }
        }
        return x;
    }

    /** Fails unless {@code actual} and {@code expected} have the same bits (all NaNs count as one). */
    static void assertSameBits(String what, float[] expected, float[] actual) {
        assertClose(what, expected, actual, 0, 0);
    }

    /**
     * Fails unless every element is within {@code ulps} units in the last place of the expected value
     * plus {@code atol}; infinities and NaN must match exactly, and with both bounds 0 so must ±0.
     */
    static void assertClose(String what, float[] expected, float[] actual, int ulps, double atol) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean ok;
            if (Float.isNaN(e) || Float.isInfinite(e) || (ulps == 0 && atol == 0)) {
                ok = Float.compare(e, a) == 0;
            } else {
                ok = Math.abs((double) a - e) <= ulps * (double) Math.ulp(e) + atol;
            }
            if (!ok) {
                fail(what + ": element " + i + " expected " + e + " but was " + a);
            }
        }
    }

    /** {@code n} values drawn uniformly from [-1, 1). */
    static float[] uniform(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /**
     * Runs {@code body} with 1, 2 and 3 threads and fails unless all three give the same bits
     * ({@code body} returns arrays, or an array of arrays; floats and doubles compare by their bits).
     */
    static void assertSameAcrossThreadCounts(String what, Supplier<Object> body) {
        int before = Parallel.threads();
        try {
            Object first = null;
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                Object result = body.get();
                if (first == null) {
                    first = result;
                } else if (!Objects.deepEquals(first, result)) {
                    fail(what + ": " + threads + " threads give other bits than 1 thread");
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
