package dev.myelin.kernel;

import static dev.myelin.kernel.GuardedArrays.OFFSET;
import static dev.myelin.kernel.GuardedArrays.assertClose;
import static dev.myelin.kernel.GuardedArrays.gaussian;
import static dev.myelin.kernel.GuardedArrays.guarded;

import dev.myelin.kernel.Windows.Axis;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Holds {@link Convolution} to {@link ConvolutionReference} on random geometries, for the forward pass
 * and each of the three gradients.
 *
 * <p>Tolerance: values are standard normal, and each output is a float32 sum of at most a few hundred
 * products (up to {@code 5*5*5 = 125} in the forward pass and dX, up to {@code 3*17*17 = 867} in dW).
 * The two kernels add the same terms in different orders, which changes a sum by roughly
 * {@code terms * 6e-8 * |partial sums|}, at most about {@code 1e-4} here; {@code 2e-4 + 1e-4*|expected|}
 * covers that, while a missing, duplicated or misplaced term moves a sum by the size of a product, order 0.1 to 1.
 */
class ConvolutionTest {
    private static final double ATOL = 2e-4;
    private static final double RTOL = 1e-4;

    @Provide
    Arbitrary<Axis> axis() {
        return Windows.convAxis();
    }

    @Property
    void forwardMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int channels,
            @ForAll @IntRange(min = 1, max = 5) int outChannels, @ForAll boolean withBias, @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        float[] x = gaussian(seed, batch * channels * win.planeSize());
        float[] w = gaussian(seed + 1, outChannels * channels * win.kernelSize());
        float[] bias = withBias ? gaussian(seed + 2, outChannels) : null;
        int ySize = batch * outChannels * win.outPlaneSize();

        float[] expected = new float[ySize];
        ConvolutionReference.forward(batch, channels, outChannels, win, x, OFFSET, w, OFFSET, bias, OFFSET, expected, 0);
        float[] y = guarded(ySize);
        Convolution.forward(batch, channels, outChannels, win, x, OFFSET, w, OFFSET, bias, OFFSET, y, OFFSET);

        assertClose(expected, y, ATOL, RTOL, "conv forward " + win);
    }

    @Property
    void inputGradientMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int channels,
            @ForAll @IntRange(min = 1, max = 5) int outChannels, @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        float[] gy = gaussian(seed, batch * outChannels * win.outPlaneSize());
        float[] w = gaussian(seed + 1, outChannels * channels * win.kernelSize());
        int xSize = batch * channels * win.planeSize();

        float[] expected = new float[xSize];
        ConvolutionReference.backwardInput(batch, channels, outChannels, win, gy, OFFSET, w, OFFSET, expected, 0);
        float[] dx = guarded(xSize);
        Convolution.backwardInput(batch, channels, outChannels, win, gy, OFFSET, w, OFFSET, dx, OFFSET);

        assertClose(expected, dx, ATOL, RTOL, "conv dX " + win);
    }

    @Property
    void weightGradientMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int channels,
            @ForAll @IntRange(min = 1, max = 5) int outChannels, @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        float[] x = gaussian(seed, batch * channels * win.planeSize());
        float[] gy = gaussian(seed + 1, batch * outChannels * win.outPlaneSize());
        int wSize = outChannels * channels * win.kernelSize();

        float[] expected = new float[wSize];
        ConvolutionReference.backwardWeight(batch, channels, outChannels, win, x, OFFSET, gy, OFFSET, expected, 0);
        float[] dw = guarded(wSize);
        Convolution.backwardWeight(batch, channels, outChannels, win, x, OFFSET, gy, OFFSET, dw, OFFSET);

        assertClose(expected, dw, ATOL, RTOL, "conv dW " + win);
    }

    @Property
    void biasGradientMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 5) int outChannels,
            @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        float[] gy = gaussian(seed, batch * outChannels * win.outPlaneSize());

        float[] expected = new float[outChannels];
        ConvolutionReference.backwardBias(batch, outChannels, win, gy, OFFSET, expected, 0);
        float[] db = guarded(outChannels);
        Convolution.backwardBias(batch, outChannels, win, gy, OFFSET, db, OFFSET);

        assertClose(expected, db, ATOL, RTOL, "conv db " + win);
    }

    // An empty batch sums nothing: the weight gradient is zero, on both the channel-band and the row-dot path.
    @org.junit.jupiter.api.Test
    void weightGradientOfAnEmptyBatchIsZero() {
        Window2d win = new Window2d(5, 5, 3, 3, 1, 1, 1, 1, 1, 1);
        for (int[] io : new int[][] {{3, 2}, {1, 16}}) {
            float[] dw = new float[io[1] * io[0] * 9];
            java.util.Arrays.fill(dw, Float.NaN);
            Convolution.backwardWeight(0, io[0], io[1], win, new float[0], 0, new float[0], 0, dw, 0);
            for (float v : dw) {
                org.junit.jupiter.api.Assertions.assertEquals(0f, v, io[0] + " -> " + io[1] + " channels");
            }
        }
    }

    // A 1-channel layer's weight gradient is split into bands of output channels, one per thread;
    // 11 channels make bands of uneven size. Each element must still be the same sum in the same order.
    @org.junit.jupiter.api.Test
    void shortPatchWeightGradientIsBitIdenticalAcrossThreadCounts() {
        Window2d win = new Window2d(9, 9, 3, 3, 1, 1, 1, 1, 1, 1);
        int batch = 5;
        int outChannels = 11;
        float[] x = gaussian(7, batch * win.planeSize());
        float[] gy = gaussian(8, batch * outChannels * win.outPlaneSize());
        float[] expected = new float[outChannels * win.kernelSize()];
        ConvolutionReference.backwardWeight(batch, 1, outChannels, win, x, OFFSET, gy, OFFSET, expected, 0);
        float[] first = null;
        int before = dev.myelin.parallel.Parallel.threads();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                dev.myelin.parallel.Parallel.setThreads(threads);
                float[] dw = new float[expected.length];
                Convolution.backwardWeight(batch, 1, outChannels, win, x, OFFSET, gy, OFFSET, dw, 0);
                if (first == null) {
                    first = dw;
                    for (int i = 0; i < dw.length; i++) {
                        org.junit.jupiter.api.Assertions.assertEquals(expected[i], dw[i], ATOL + RTOL * Math.abs(expected[i]));
                    }
                } else {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(first, dw, threads + " threads differ from 1");
                }
            }
        } finally {
            dev.myelin.parallel.Parallel.setThreads(before);
        }
    }
}
