package dev.myelin.kernel;

import static dev.myelin.kernel.GuardedArrays.OFFSET;
import static dev.myelin.kernel.GuardedArrays.assertClose;
import static dev.myelin.kernel.GuardedArrays.gaussian;
import static dev.myelin.kernel.GuardedArrays.guarded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.myelin.kernel.Windows.Axis;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Holds {@link Pooling} to {@link PoolingReference} on random geometries. {@code planes} stands for
 * batch times channels (1..3 times 1..5).
 *
 * <p>Max-pool forward must agree exactly: both pick one of the same float values by the same rule.
 * The other results are float32 sums of at most 25 terms of order 1, added in the same or a different
 * order; {@code 1e-5 + 1e-5*|expected|} is well above that rounding and far below any single term.
 */
class PoolingTest {
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-5;

    @Provide
    Arbitrary<Axis> axis() {
        return Windows.poolAxis();
    }

    @Property
    void maxPoolForwardMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int channels,
            @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        int planes = batch * channels;
        float[] x = gaussian(seed, planes * win.planeSize());
        int ySize = planes * win.outPlaneSize();

        float[] expected = new float[ySize];
        int[] expectedArgmax = new int[ySize];
        PoolingReference.maxPoolForward(planes, win, x, OFFSET, expected, 0, expectedArgmax, 0);
        float[] y = guarded(ySize);
        int[] argmax = new int[ySize + 1];
        Pooling.maxPoolForward(planes, win, x, OFFSET, y, OFFSET, argmax, 1);

        assertClose(expected, y, 0, 0, "max-pool forward " + win);
        assertArrayEquals(expectedArgmax, Arrays.copyOfRange(argmax, 1, ySize + 1), "argmax " + win);
    }

    @Property
    void maxPoolBackwardMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int channels,
            @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        int planes = batch * channels;
        int xSize = planes * win.planeSize();
        int ySize = planes * win.outPlaneSize();
        float[] x = gaussian(seed, xSize);
        float[] gy = gaussian(seed + 1, ySize);
        int[] argmax = new int[ySize];
        Pooling.maxPoolForward(planes, win, x, OFFSET, new float[ySize], 0, argmax, 0);

        float[] expected = new float[xSize];
        PoolingReference.maxPoolBackward(planes, win, gy, OFFSET, argmax, 0, expected, 0);
        float[] dx = guarded(xSize);
        Pooling.maxPoolBackward(planes, win, gy, OFFSET, argmax, 0, dx, OFFSET);

        assertClose(expected, dx, ATOL, RTOL, "max-pool backward " + win);
    }

    @Property
    void avgPoolForwardMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int channels,
            @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        int planes = batch * channels;
        float[] x = gaussian(seed, planes * win.planeSize());
        int ySize = planes * win.outPlaneSize();

        float[] expected = new float[ySize];
        PoolingReference.avgPoolForward(planes, win, x, OFFSET, expected, 0);
        float[] y = guarded(ySize);
        Pooling.avgPoolForward(planes, win, x, OFFSET, y, OFFSET);

        assertClose(expected, y, ATOL, RTOL, "avg-pool forward " + win);
    }

    @Property
    void avgPoolBackwardMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int channels,
            @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        int planes = batch * channels;
        int xSize = planes * win.planeSize();
        float[] gy = gaussian(seed, planes * win.outPlaneSize());

        float[] expected = new float[xSize];
        PoolingReference.avgPoolBackward(planes, win, gy, OFFSET, expected, 0);
        float[] dx = guarded(xSize);
        Pooling.avgPoolBackward(planes, win, gy, OFFSET, dx, OFFSET);

        assertClose(expected, dx, ATOL, RTOL, "avg-pool backward " + win);
    }
}
