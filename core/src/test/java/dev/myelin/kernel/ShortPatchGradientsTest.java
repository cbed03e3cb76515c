package dev.myelin.kernel;

import static dev.myelin.kernel.GuardedArrays.OFFSET;
import static dev.myelin.kernel.GuardedArrays.assertClose;
import static dev.myelin.kernel.GuardedArrays.assertGuardsIntact;
import static dev.myelin.kernel.GuardedArrays.gaussian;
import static dev.myelin.kernel.GuardedArrays.guarded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.myelin.kernel.Windows.Axis;
import dev.myelin.parallel.Parallel;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Holds {@link ShortPatchGradients} to {@link ConvolutionReference} and to itself across thread counts.
 *
 * <p>Tolerance: each weight gradient sums at most 3 images x 169 positions of standard normal
 * products, each image's dot product in float; reordering moves a sum by about
 * {@code terms * 6e-8 * |partial sums|}, well under {@code 1e-3}, while a missing or misplaced term
 * moves it by the size of a product, order 0.1 to 1.
 */
class ShortPatchGradientsTest {
    private static final double ATOL = 1e-3;
    private static final double RTOL = 1e-4;

    @Provide
    Arbitrary<Axis> axis() {
        return Windows.convAxis();
    }

    @Property
    void weightAndBiasGradientsMatchTheReference(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll @IntRange(min = 1, max = 2) int channels,
            @ForAll @IntRange(min = 2, max = 40) int outChannels, @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        ConvGeometry g = new ConvGeometry(batch, channels, outChannels, 1, win);
        assumeTrue(ShortPatchGradients.applies(g));
        float[] x = gaussian(seed, batch * channels * win.planeSize());
        float[] gy = gaussian(seed + 1, batch * outChannels * win.outPlaneSize());
        int wSize = outChannels * channels * win.kernelSize();
        float[] expectedW = new float[wSize];
        ConvolutionReference.backwardWeight(g, new Floats(x, OFFSET), new Floats(gy, OFFSET), Floats.of(expectedW));
        float[] expectedB = new float[outChannels];
        ConvolutionReference.backwardBias(g, new Floats(gy, OFFSET), Floats.of(expectedB));

        float[] dw = guarded(wSize);
        float[] db = guarded(outChannels);
        ShortPatchGradients.compute(g, new Floats(x, OFFSET), ShortPatchGradients.stored(g, new Floats(gy, OFFSET)),
                new Floats(dw, OFFSET), new Floats(db, OFFSET));
        assertClose(expectedW, dw, ATOL, RTOL, "dW " + win);
        assertClose(expectedB, db, ATOL, RTOL, "db " + win);
        assertGuardsIntact(dw, wSize, "dW " + win);
        assertGuardsIntact(db, outChannels, "db " + win);
    }

    @Property(tries = 30)
    void sameBitsWithAnyThreadCount(@ForAll("axis") Axis rows, @ForAll("axis") Axis cols,
            @ForAll @IntRange(min = 2, max = 40) int outChannels, @ForAll long seed) {
        Window2d win = Windows.window(rows, cols);
        int batch = 3;
        ConvGeometry g = new ConvGeometry(batch, 1, outChannels, 1, win);
        assumeTrue(ShortPatchGradients.applies(g));
        float[] x = gaussian(seed, batch * win.planeSize());
        float[] gy = gaussian(seed + 1, batch * outChannels * win.outPlaneSize());
        int wSize = outChannels * win.kernelSize();
        float[][] dw = new float[3][wSize];
        float[][] db = new float[3][outChannels];
        int before = Parallel.threads();
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                ShortPatchGradients.compute(g, new Floats(x, OFFSET), ShortPatchGradients.stored(g, new Floats(gy, OFFSET)),
                        Floats.of(dw[threads - 1]), Floats.of(db[threads - 1]));
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertArrayEquals(dw[0], dw[1], "dW, 1 and 2 threads " + win);
        assertArrayEquals(dw[0], dw[2], "dW, 1 and 3 threads " + win);
        assertArrayEquals(db[0], db[1], "db, 1 and 2 threads " + win);
        assertArrayEquals(db[0], db[2], "db, 1 and 3 threads " + win);
    }
}
