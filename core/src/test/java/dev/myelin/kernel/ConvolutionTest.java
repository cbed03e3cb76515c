package dev.myelin.kernel;

import static dev.myelin.kernel.GuardedArrays.OFFSET;
import static dev.myelin.kernel.GuardedArrays.assertClose;
import static dev.myelin.kernel.GuardedArrays.assertGuardsIntact;
import static dev.myelin.kernel.GuardedArrays.gaussian;
import static dev.myelin.kernel.GuardedArrays.guarded;

import dev.myelin.kernel.Windows.Axis;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.IntegerArbitrary;
import net.jqwik.api.constraints.IntRange;

/**
 * Holds {@link Convolution} to {@link ConvolutionReference} on random geometries, for the forward pass
 * and each of the three gradients, with one group, two or three groups, and depthwise
 * ({@code groups == inChannels}).
 *
 * <p>Tolerance: values are standard normal, and each output is a float32 sum of at most a few hundred
 * products (up to {@code 6*5*5 = 150} in the forward pass and dX, up to {@code 3*6*17*17} in dW, fewer
 * with groups). The two kernels add the same terms in different orders, which changes a sum by roughly
 * {@code terms * 6e-8 * |partial sums|}, at most about {@code 1e-4} here; {@code 2e-4 + 1e-4*|expected|}
 * covers that, while a missing, duplicated or misplaced term (a tap read from another group's
 * channel, say) moves a sum by the size of a product, order 0.1 to 1.
 */
class ConvolutionTest {
    private static final double ATOL = 2e-4;
    private static final double RTOL = 1e-4;

    /** Input channels, output channels and groups of one convolution. */
    record Channels(int in, int out, int groups) {
        ConvGeometry geometry(int batch, Window2d window) {
            return new ConvGeometry(batch, in, out, groups, window);
        }
    }

    @Provide
    Arbitrary<Axis> axis() {
        return Windows.convAxis();
    }

    /** One group (1..5 channels each way), 2 or 3 groups (1..3 channels per group each way), or depthwise (1..6 groups of one input channel). */
    @Provide
    Arbitrary<Channels> channels() {
        IntegerArbitrary upTo3 = Arbitraries.integers().between(1, 3);
        Arbitrary<Channels> one = Combinators.combine(Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(1, 5)).as((in, out) -> new Channels(in, out, 1));
        Arbitrary<Channels> grouped = Combinators.combine(Arbitraries.integers().between(2, 3), upTo3, upTo3)
                .as((groups, in, out) -> new Channels(groups * in, groups * out, groups));
        Arbitrary<Channels> depthwise = Combinators.combine(Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(1, 2)).as((in, multiplier) -> new Channels(in, in * multiplier, in));
        return Arbitraries.oneOf(one, grouped, depthwise);
    }

    @Property
    void forwardMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll("channels") Channels channels,
            @ForAll boolean withBias, @ForAll boolean relu, @ForAll long seed) {
        ConvGeometry g = channels.geometry(batch, Windows.window(rows, cols));
        float[] x = gaussian(seed, batch * g.imageSize());
        float[] w = gaussian(seed + 1, g.weightSize());
        Floats bias = withBias ? new Floats(gaussian(seed + 2, g.outChannels()), OFFSET) : null;
        int ySize = batch * g.outImageSize();

        float[] expected = new float[ySize];
        ConvolutionReference.forward(g, new Floats(x, OFFSET), new Floats(w, OFFSET), bias, Floats.of(expected));
        if (relu) {
            for (int i = 0; i < ySize; i++) {
                expected[i] = Math.max(expected[i], 0f);
            }
        }
        float[] y = guarded(ySize);
        Convolution.forward(g, new Floats(x, OFFSET), new Floats(w, OFFSET), bias, relu, new Floats(y, OFFSET));

        assertClose(expected, y, ATOL, RTOL, "conv forward " + g);
        assertGuardsIntact(y, ySize, "conv forward " + g);
    }

    @Property
    void inputGradientMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll("channels") Channels channels, @ForAll long seed) {
        ConvGeometry g = channels.geometry(batch, Windows.window(rows, cols));
        float[] gy = gaussian(seed, batch * g.outImageSize());
        float[] w = gaussian(seed + 1, g.weightSize());
        int xSize = batch * g.imageSize();

        float[] expected = new float[xSize];
        ConvolutionReference.backwardInput(g, new Floats(gy, OFFSET), new Floats(w, OFFSET), Floats.of(expected));
        float[] dx = guarded(xSize);
        Convolution.backwardInput(g, new Floats(gy, OFFSET), new Floats(w, OFFSET), new Floats(dx, OFFSET));

        assertClose(expected, dx, ATOL, RTOL, "conv dX " + g);
        assertGuardsIntact(dx, xSize, "conv dX " + g);
    }

    @Property
    void weightGradientMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll("channels") Channels channels, @ForAll long seed) {
        ConvGeometry g = channels.geometry(batch, Windows.window(rows, cols));
        float[] x = gaussian(seed, batch * g.imageSize());
        float[] gy = gaussian(seed + 1, batch * g.outImageSize());
        int wSize = g.weightSize();

        float[] expected = new float[wSize];
        ConvolutionReference.backwardWeight(g, new Floats(x, OFFSET), new Floats(gy, OFFSET), Floats.of(expected));
        float[] dw = guarded(wSize);
        Convolution.backwardWeight(g, new Floats(x, OFFSET), new Floats(gy, OFFSET), new Floats(dw, OFFSET));

        assertClose(expected, dw, ATOL, RTOL, "conv dW " + g);
        assertGuardsIntact(dw, wSize, "conv dW " + g);
    }

    @Property
    void biasGradientMatchesReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll("channels") Channels channels, @ForAll long seed) {
        ConvGeometry g = channels.geometry(batch, Windows.window(rows, cols));
        float[] gy = gaussian(seed, batch * g.outImageSize());

        float[] expected = new float[g.outChannels()];
        ConvolutionReference.backwardBias(g, new Floats(gy, OFFSET), Floats.of(expected));
        float[] db = guarded(g.outChannels());
        Convolution.backwardBias(g, new Floats(gy, OFFSET), new Floats(db, OFFSET));

        assertClose(expected, db, ATOL, RTOL, "conv db " + g);
    }

    /**
     * {@link Convolution#backward} with every gradient at once, on the channel counts where the
     * one-group fast paths would apply (16 or more channels: channels-last; a patch shorter than the
     * output channels: short-patch gradients) but groups must keep the grouped path.
     */
    @Property(tries = 30)
    void allGradientsAtOnceMatchTheReferenceWhereOneGroupWouldTakeAFastPath(@ForAll("axis") Axis rows,
            @ForAll("axis") Axis cols, @ForAll("wide") Channels channels, @ForAll long seed) {
        int batch = 2;
        ConvGeometry g = channels.geometry(batch, Windows.window(rows, cols));
        float[] x = gaussian(seed, batch * g.imageSize());
        float[] w = gaussian(seed + 1, g.weightSize());
        float[] gy = gaussian(seed + 2, batch * g.outImageSize());
        float[] expectedY = new float[batch * g.outImageSize()];
        float[] expectedX = new float[batch * g.imageSize()];
        float[] expectedW = new float[g.weightSize()];
        float[] expectedB = new float[g.outChannels()];
        ConvolutionReference.forward(g, new Floats(x, OFFSET), new Floats(w, OFFSET), null, Floats.of(expectedY));
        ConvolutionReference.backwardInput(g, new Floats(gy, OFFSET), new Floats(w, OFFSET), Floats.of(expectedX));
        ConvolutionReference.backwardWeight(g, new Floats(x, OFFSET), new Floats(gy, OFFSET), Floats.of(expectedW));
        ConvolutionReference.backwardBias(g, new Floats(gy, OFFSET), Floats.of(expectedB));

        float[] y = guarded(expectedY.length);
        float[] dx = guarded(expectedX.length);
        float[] dw = guarded(expectedW.length);
        float[] db = guarded(expectedB.length);
        Convolution.forward(g, new Floats(x, OFFSET), new Floats(w, OFFSET), null, new Floats(y, OFFSET));
        Convolution.backward(g, new Floats(x, OFFSET), new Floats(w, OFFSET), new Floats(gy, OFFSET),
                new Floats(dx, OFFSET), new Floats(dw, OFFSET), new Floats(db, OFFSET));
        assertClose(expectedY, y, 1e-3, RTOL, "conv forward " + g);
        assertClose(expectedX, dx, 1e-3, RTOL, "conv dX " + g);
        assertClose(expectedW, dw, 1e-3, RTOL, "conv dW " + g);
        assertClose(expectedB, db, 1e-3, RTOL, "conv db " + g);
        assertGuardsIntact(dw, expectedW.length, "conv dW " + g);
    }

    /** Depthwise with 16 to 20 channels (and 2 outputs each, a short patch), and 2 groups of 16 input channels. */
    @Provide
    Arbitrary<Channels> wide() {
        Arbitrary<Channels> depthwise = Arbitraries.integers().between(16, 20).map(in -> new Channels(in, 2 * in, in));
        Arbitrary<Channels> twoWideGroups = Arbitraries.integers().between(1, 4).map(out -> new Channels(32, 2 * out, 2));
        return Arbitraries.oneOf(depthwise, twoWideGroups);
    }

    // An empty batch sums nothing: the weight gradient is zero, on the channel-band, row-dot and grouped paths.
    @org.junit.jupiter.api.Test
    void weightGradientOfAnEmptyBatchIsZero() {
        Window2d win = new Window2d(5, 5, 3, 3, 1, 1, 1, 1, 1, 1);
        for (Channels c : new Channels[] {new Channels(3, 2, 1), new Channels(1, 16, 1), new Channels(4, 6, 2),
                new Channels(4, 4, 4)}) {
            ConvGeometry g = c.geometry(0, win);
            float[] dw = new float[g.weightSize()];
            java.util.Arrays.fill(dw, Float.NaN);
            Convolution.backwardWeight(g, Floats.of(new float[0]), Floats.of(new float[0]), Floats.of(dw));
            for (float v : dw) {
                org.junit.jupiter.api.Assertions.assertEquals(0f, v, c.toString());
            }
        }
    }

    // A 1-channel layer's weight gradient is split into bands of output channels, one per thread; 11
    // channels make bands of uneven size. A grouped one (5 depthwise groups, 2 outputs each) is split
    // by group. Each element must still be the same sum in the same order.
    @org.junit.jupiter.api.Test
    void weightGradientIsBitIdenticalAcrossThreadCounts() {
        Window2d win = new Window2d(9, 9, 3, 3, 1, 1, 1, 1, 1, 1);
        int batch = 5;
        for (Channels c : new Channels[] {new Channels(1, 11, 1), new Channels(5, 10, 5), new Channels(6, 9, 3)}) {
            ConvGeometry g = c.geometry(batch, win);
            float[] x = gaussian(7, batch * g.imageSize());
            float[] gy = gaussian(8, batch * g.outImageSize());
            float[] expected = new float[g.weightSize()];
            ConvolutionReference.backwardWeight(g, new Floats(x, OFFSET), new Floats(gy, OFFSET), Floats.of(expected));
            float[] first = null;
            int before = dev.myelin.parallel.Parallel.threads();
            try {
                for (int threads : new int[] {1, 2, 3}) {
                    dev.myelin.parallel.Parallel.setThreads(threads);
                    float[] dw = new float[expected.length];
                    Convolution.backwardWeight(g, new Floats(x, OFFSET), new Floats(gy, OFFSET), Floats.of(dw));
                    if (first == null) {
                        first = dw;
                        for (int i = 0; i < dw.length; i++) {
                            org.junit.jupiter.api.Assertions.assertEquals(expected[i], dw[i],
                                    ATOL + RTOL * Math.abs(expected[i]), c.toString());
                        }
                    } else {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(first, dw, c + ": " + threads
                                + " threads differ from 1");
                    }
                }
            } finally {
                dev.myelin.parallel.Parallel.setThreads(before);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void channelsThatTheGroupsDoNotDivideAreRefusedNamingTheNumbers() {
        Window2d win = new Window2d(5, 5, 3, 3, 1, 1, 1, 1, 1, 1);
        for (int[] c : new int[][] {{6, 4, 4}, {4, 6, 4}, {3, 3, 2}}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new ConvGeometry(1, c[0], c[1], c[2], win));
            for (int number : c) {
                org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(Integer.toString(number)),
                        e.getMessage());
            }
        }
    }
}
