package dev.myelin.fashion.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FinitenessTest {
    @Test
    void aSingleNanOrInfinityAnywhereIsFoundAndLargeFiniteValuesAreNot() {
        for (int n = 0; n <= 80; n++) { // past two vectors of 16 lanes and a tail
            float[] x = new float[n + 3];
            java.util.Arrays.fill(x, Float.MAX_VALUE); // their sum would overflow; the check must not
            x[1] = -Float.MAX_VALUE;
            assertTrue(Finiteness.allFinite(x, 2, n), "n=" + n);
            assertTrue(Finiteness.scalarAllFinite(x, 2, n), "n=" + n);
            for (int at = 0; at < n; at++) {
                for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                    float[] y = x.clone();
                    y[2 + at] = bad;
                    assertFalse(Finiteness.allFinite(y, 2, n), bad + " at " + at + " of " + n);
                    assertFalse(Finiteness.scalarAllFinite(y, 2, n), bad + " at " + at + " of " + n + ", scalar");
                }
            }
            float[] outside = x.clone();
            outside[0] = Float.NaN;
            outside[n + 2] = Float.NaN;
            assertTrue(Finiteness.allFinite(outside, 2, n), "values outside the range do not count");
            assertTrue(Finiteness.scalarAllFinite(outside, 2, n), "values outside the range do not count");
        }
    }
}
