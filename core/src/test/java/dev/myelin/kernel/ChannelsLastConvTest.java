package dev.myelin.kernel;

import static dev.myelin.kernel.GuardedArrays.OFFSET;
import static dev.myelin.kernel.GuardedArrays.assertClose;
import static dev.myelin.kernel.GuardedArrays.assertGuardsIntact;
import static dev.myelin.kernel.GuardedArrays.gaussian;
import static dev.myelin.kernel.GuardedArrays.guarded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.kernel.Windows.Axis;
import dev.myelin.tensor.Generator;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Holds the channels-last forward convolution and its pool to their oracles: the patch rows to
 * {@link Im2col} (the same values, transposed and reordered, exactly), the convolution to
 * {@link ConvolutionReference}, the vector pool to its scalar twin and the scalar pool to
 * {@link PoolingReference} (both exactly: a pool only picks values).
 *
 * <p>Tolerance of the convolution: sums of up to 20 channels x 25 taps = 500 standard normal products
 * in another order than the reference's; the reordering moves a sum by about
 * {@code terms * 6e-8 * |partial sums|}, up to about {@code 5e-4} here, while a wrong term moves it by
 * the size of a product, order 0.1 to 1.
 */
class ChannelsLastConvTest {
    private static final double ATOL = 1e-3;
    private static final double RTOL = 1e-4;

    @Provide
    Arbitrary<Axis> convAxis() {
        return Windows.convAxis();
    }

    @Provide
    Arbitrary<Axis> poolAxis() {
        return Windows.poolAxis();
    }

    @Property
    void patchRowsHoldIm2colsColumnsTransposedTapMajor(@ForAll("convAxis") Axis rows, @ForAll("convAxis") Axis cols,
            @ForAll @IntRange(min = 1, max = 20) int channels, @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        int taps = win.kernelSize();
        int outPlane = win.outPlaneSize();
        float[] x = gaussian(seed, channels * win.planeSize());
        float[] columns = new float[channels * taps * outPlane];
        Im2col.im2col(channels, win, x, OFFSET, columns, 0);

        float[] pixels = guarded(channels * win.planeSize());
        ChannelsLastConv.toChannelsLast(channels, win.planeSize(), x, OFFSET, pixels, OFFSET);
        assertGuardsIntact(pixels, channels * win.planeSize(), "channels-last image " + win);
        float[] patches = new float[outPlane * channels * taps];
        Arrays.fill(patches, Float.NaN); // every element must be written, zeros included
        ChannelsLastConv.patchRows(channels, win, pixels, OFFSET, patches);
        for (int l = 0; l < outPlane; l++) {
            for (int tap = 0; tap < taps; tap++) {
                for (int c = 0; c < channels; c++) {
                    float expected = columns[(c * taps + tap) * outPlane + l];
                    float actual = patches[(l * taps + tap) * channels + c];
                    assertTrue(Float.compare(expected, actual) == 0, win + " position " + l + " tap " + tap
                            + " channel " + c + ": expected " + expected + " but was " + actual);
                }
            }
        }
    }

    @Property
    void imageMatchesTheReferenceConvolution(@ForAll("convAxis") Axis rows, @ForAll("convAxis") Axis cols,
            @ForAll @IntRange(min = 1, max = 20) int channels, @ForAll @IntRange(min = 1, max = 20) int outChannels,
            @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        int outPlane = win.outPlaneSize();
        float[] x = gaussian(seed, channels * win.planeSize());
        float[] w = gaussian(seed + 1, outChannels * channels * win.kernelSize());
        float[] expected = new float[outChannels * outPlane];
        ConvolutionReference.forward(new ConvGeometry(1, channels, outChannels, 1, win), new Floats(x, OFFSET),
                new Floats(w, OFFSET), null, Floats.of(expected));

        float[] wT = ChannelsLastConv.weightsByPatch(channels, outChannels, win.kernelSize(), w, OFFSET);
        float[] out = new float[outPlane * outChannels];
        ChannelsLastConv.image(channels, outChannels, win, x, OFFSET, wT, out);
        float[] y = guarded(outChannels * outPlane);
        ChannelsLastConv.toChannelMajor(outPlane, outChannels, out, null, 0, false, y, OFFSET);
        assertClose(expected, y, ATOL, RTOL, "channels-last conv " + win);
        assertGuardsIntact(y, outChannels * outPlane, "channels-last conv " + win);
    }

    /** The public forward with enough channels to take the channels-last path, bias and ReLU included. */
    @Property(tries = 40)
    void forwardWithManyChannelsMatchesTheReference(@ForAll("convAxis") Axis rows, @ForAll("convAxis") Axis cols,
            @ForAll @IntRange(min = 16, max = 20) int channels, @ForAll @IntRange(min = 1, max = 20) int outChannels,
            @ForAll boolean relu, @ForAll long seed) {
        assertTrue(ChannelsLastConv.pays(channels));
        Window2d win = Windows.window(rows, cols);
        int batch = 2;
        int ySize = batch * outChannels * win.outPlaneSize();
        float[] x = gaussian(seed, batch * channels * win.planeSize());
        float[] w = gaussian(seed + 1, outChannels * channels * win.kernelSize());
        float[] bias = gaussian(seed + 2, outChannels);
        float[] expected = new float[ySize];
        ConvGeometry geometry = new ConvGeometry(batch, channels, outChannels, 1, win);
        ConvolutionReference.forward(geometry, new Floats(x, OFFSET), new Floats(w, OFFSET), new Floats(bias, OFFSET),
                Floats.of(expected));
        if (relu) {
            for (int i = 0; i < ySize; i++) {
                expected[i] = Math.max(expected[i], 0f);
            }
        }
        float[] y = guarded(ySize);
        Convolution.forward(geometry, new Floats(x, OFFSET), new Floats(w, OFFSET), new Floats(bias, OFFSET), relu,
                new Floats(y, OFFSET));
        assertClose(expected, y, ATOL, RTOL, "conv forward " + win);
        assertGuardsIntact(y, ySize, "conv forward " + win);
    }

    @Property
    void vectorPoolIsItsScalarTwin(@ForAll("poolAxis") Axis rows, @ForAll("poolAxis") Axis cols,
            @ForAll @IntRange(min = 1, max = 40) int channels, @ForAll boolean withBias, @ForAll boolean relu,
            @ForAll boolean withArgmax, @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        float[] x = coarse(seed, win.planeSize() * channels);
        float[] bias = withBias ? coarse(seed + 1, channels) : null;
        int ySize = channels * win.outPlaneSize();
        float[] expected = new float[ySize];
        int[] expectedArgmax = new int[ySize];
        ChannelsLastMaxPool.forwardScalar(channels, 0, channels, win, x, bias, 0, relu,
                new MaxPoolOutput(expected, 0, expectedArgmax, 0));

        float[] y = guarded(ySize);
        int[] argmax = withArgmax ? new int[ySize + 1] : null;
        ChannelsLastMaxPool.forward(channels, win, x, bias, 0, relu, new MaxPoolOutput(y, OFFSET, argmax, 1));
        assertArrayEquals(expected, GuardedArrays.slice(y, ySize), "pooled values " + win);
        assertGuardsIntact(y, ySize, "pool " + win);
        if (withArgmax) {
            assertArrayEquals(expectedArgmax, Arrays.copyOfRange(argmax, 1, ySize + 1), "chosen elements " + win);
        }
    }

    @Property
    void scalarPoolIsThePoolingReferenceOnTheTransposedImage(@ForAll("poolAxis") Axis rows,
            @ForAll("poolAxis") Axis cols, @ForAll @IntRange(min = 1, max = 20) int channels, @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        int plane = win.planeSize();
        float[] x = coarse(seed, plane * channels);
        float[] bias = coarse(seed + 1, channels);
        float[] channelMajor = new float[channels * plane];
        for (int c = 0; c < channels; c++) {
            for (int s = 0; s < plane; s++) {
                channelMajor[c * plane + s] = x[s * channels + c] + bias[c];
            }
        }
        int ySize = channels * win.outPlaneSize();
        float[] expected = new float[ySize];
        int[] expectedArgmax = new int[ySize];
        PoolingReference.maxPoolForward(channels, win, channelMajor, 0, expected, 0, expectedArgmax, 0);
        for (int i = 0; i < ySize; i++) {
            expected[i] = Math.max(expected[i], 0f);
        }
        float[] y = new float[ySize];
        int[] argmax = new int[ySize];
        ChannelsLastMaxPool.forwardScalar(channels, 0, channels, win, x, bias, 0, true,
                new MaxPoolOutput(y, 0, argmax, 0));
        assertArrayEquals(expected, y, "pooled values " + win);
        assertArrayEquals(expectedArgmax, argmax, "chosen elements " + win);
    }

    /** Values from a handful of levels, so that windows hold ties, with an occasional NaN and infinity. */
    private static float[] coarse(long seed, int n) {
        Generator g = new Generator(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            double u = g.nextDouble();
            a[i] = u < 0.02 ? Float.NaN : u < 0.04 ? Float.NEGATIVE_INFINITY : (float) Math.floor(g.nextDouble() * 7) - 3;
        }
        return a;
    }
}
