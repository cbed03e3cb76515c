package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The specialised 2x2 stride-2 max-pool (the vector one in tests, which run with the Vector API) must
 * agree exactly with the scalar oracle, ties, signed zeros, infinities and NaNs included, for rows
 * shorter than a vector, longer than one, and with a ragged last block.
 */
class PoolingFastPathTest {
    @Property(tries = 300)
    void twoByTwoMatchesTheReferenceExactly(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int planes,
            @ForAll @IntRange(min = 2, max = 15) int height, @ForAll @IntRange(min = 2, max = 70) int width) {
        SplittableRandom r = new SplittableRandom(seed);
        Window2d window = new Window2d(height, width, 2, 2, 2, 2, 0, 0, 1, 1);
        float[] x = new float[planes * height * width];
        for (int i = 0; i < x.length; i++) {
            // Few distinct values make ties common; an occasional NaN checks the NaN rule.
            int pick = r.nextInt(40);
            x[i] = switch (pick) {
                case 0 -> Float.NaN;
                case 1 -> Float.POSITIVE_INFINITY;
                case 2 -> Float.NEGATIVE_INFINITY;
                case 3 -> -0f;
                default -> pick % 4;
            };
        }
        int outSize = planes * window.outPlaneSize();
        float[] expected = new float[outSize];
        int[] expectedIndex = new int[outSize];
        float[] actual = new float[outSize];
        int[] actualIndex = new int[outSize];
        PoolingReference.maxPoolForward(planes, window, x, 0, expected, 0, expectedIndex, 0);
        Pooling.maxPoolForward(planes, window, x, 0, actual, 0, actualIndex, 0);
        assertArrayEquals(expected, actual);
        assertArrayEquals(expectedIndex, actualIndex);

        float[] gy = new float[outSize];
        for (int i = 0; i < outSize; i++) {
            gy[i] = (float) r.nextGaussian();
        }
        float[] expectedDx = new float[x.length];
        float[] actualDx = new float[x.length];
        java.util.Arrays.fill(actualDx, Float.NaN); // overwritten, not added to
        PoolingReference.maxPoolBackward(planes, window, gy, 0, expectedIndex, 0, expectedDx, 0);
        Pooling.maxPoolBackward(planes, window, gy, 0, actualIndex, 0, actualDx, 0);
        assertArrayEquals(expectedDx, actualDx);
    }
}
