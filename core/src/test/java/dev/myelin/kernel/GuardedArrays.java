package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.myelin.tensor.Generator;
import java.util.Arrays;

/**
 * Arrays for kernel tests. Kernels are called on data placed at a non-zero offset inside a larger
 * array whose other cells hold NaN, so a test sees both a wrong offset and a write out of bounds.
 */
final class GuardedArrays {
    /** Floats before the data in every guarded array. */
    static final int OFFSET = 3;
    private static final int TAIL = 2;

    private GuardedArrays() {
    }

    /** {@code n} standard normal values from {@code seed}, at {@link #OFFSET} in a NaN-guarded array. */
    static float[] gaussian(long seed, int n) {
        Generator g = new Generator(seed);
        float[] a = guarded(n);
        for (int i = 0; i < n; i++) {
            a[OFFSET + i] = (float) g.nextGaussian();
        }
        return a;
    }

    /** A NaN-filled array with room for {@code n} values at {@link #OFFSET}; a kernel must overwrite all of them. */
    static float[] guarded(int n) {
        float[] a = new float[OFFSET + n + TAIL];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    /** The {@code n} values at {@link #OFFSET}. */
    static float[] slice(float[] guarded, int n) {
        return Arrays.copyOfRange(guarded, OFFSET, OFFSET + n);
    }

    /** Fails unless the guard cells around the {@code n} values are still NaN. */
    static void assertGuardsIntact(float[] guarded, int n, String what) {
        for (int i = 0; i < guarded.length; i++) {
            if (i < OFFSET || i >= OFFSET + n) {
                assertTrue(Float.isNaN(guarded[i]), what + ": wrote outside its output at index " + i);
            }
        }
    }

    /** Fails unless every {@code actual[OFFSET + i]} is within {@code atol + rtol*|expected[i]|}. */
    static void assertClose(float[] expected, float[] actual, double atol, double rtol, String what) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[OFFSET + i];
            // Equal infinities (a max-pool window inside the padding) match although their difference is NaN.
            if (e != a && !(Math.abs(e - a) <= atol + rtol * Math.abs(e))) {
                fail(what + " element " + i + " of " + expected.length + ": expected " + e + " but was " + a);
            }
        }
        assertGuardsIntact(actual, expected.length, what);
    }
}
