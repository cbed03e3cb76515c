package dev.myelin.kernel;

import static dev.myelin.kernel.GuardedArrays.OFFSET;
import static dev.myelin.kernel.GuardedArrays.assertClose;
import static dev.myelin.kernel.GuardedArrays.gaussian;
import static dev.myelin.kernel.GuardedArrays.guarded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.kernel.Windows.Axis;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Holds {@link Pooling} to {@link PoolingReference} on random geometries. {@code planes} stands for
 * batch times channels (1..3 times 1..5). Average pools also draw PyTorch's {@code ceil_mode},
 * {@code count_include_pad} and {@code divisor_override}, and every small one is checked exhaustively;
 * their output sizes must agree too, the reference finding them by walking the windows.
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

    @Provide
    Arbitrary<Windows.AvgPool> avgPool() {
        return Windows.avgPools();
    }

    /** Output size, forward and backward, with ceil mode, {@code count_include_pad} and divisor overrides drawn. */
    @Property
    void avgPoolMatchesReference(@ForAll("avgPool") Windows.AvgPool drawn,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int channels,
            @ForAll long seed) {
        assertAvgPoolMatchesReference(drawn.pool(), batch * channels, seed);
    }

    /**
     * Every small average pool PyTorch allows, both options on and off, on 2 planes of every height
     * 1..9 and width 1..6: odd and even sizes, padding 0..kernel/2, stride below, equal to and above
     * the kernel, kernels larger than the input (ceil mode), ceil mode's dropped last window.
     */
    @Example
    void avgPoolMatchesReferenceOnEverySmallShape() {
        int pools = 0;
        for (int h = 1; h <= 9; h++) {
            for (int w = 1; w <= 6; w++) {
                for (int k = 1; k <= 4; k++) {
                    for (int s = 1; s <= 3; s++) {
                        for (int pad = 0; pad <= k / 2; pad++) {
                            for (boolean ceil : new boolean[] {false, true}) {
                                for (boolean include : new boolean[] {false, true}) {
                                    AvgPoolWindow pool = new AvgPoolWindow(new Window2d(h, w, k, k, s, s, pad, pad, 1, 1),
                                            ceil, include, 0);
                                    if (pool.outHeight() >= 1 && pool.outWidth() >= 1) {
                                        assertAvgPoolMatchesReference(pool, 2, 31L * pools);
                                        pools++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(4356, pools, "pools checked");
    }

    /** Output size, forward and backward of {@code pool} against the reference, on {@code planes} random planes. */
    private static void assertAvgPoolMatchesReference(AvgPoolWindow pool, int planes, long seed) {
        Window2d win = pool.window();
        assertEquals(PoolingReference.outHeight(pool), pool.outHeight(), "output rows " + pool);
        assertEquals(PoolingReference.outWidth(pool), pool.outWidth(), "output columns " + pool);
        int xSize = planes * win.planeSize();
        int ySize = planes * pool.outPlaneSize();
        float[] x = gaussian(seed, xSize);
        float[] expected = new float[ySize];
        PoolingReference.avgPoolForward(planes, pool, x, OFFSET, expected, 0);
        float[] y = guarded(ySize);
        Pooling.avgPoolForward(planes, pool, x, OFFSET, y, OFFSET);
        assertClose(expected, y, ATOL, RTOL, "avg-pool forward " + pool);

        float[] gy = gaussian(seed + 1, ySize);
        float[] expectedDx = new float[xSize];
        PoolingReference.avgPoolBackward(planes, pool, gy, OFFSET, expectedDx, 0);
        float[] dx = guarded(xSize);
        Pooling.avgPoolBackward(planes, pool, gy, OFFSET, dx, OFFSET);
        assertClose(expectedDx, dx, ATOL, RTOL, "avg-pool backward " + pool);
    }
}
