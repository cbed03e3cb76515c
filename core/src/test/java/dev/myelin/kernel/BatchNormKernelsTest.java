package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchNormKernels} held to {@link BatchNormReference} on random {@code (n, c, s)} layouts with
 * input and output offsets. Both evaluate the same expressions in double in the same order per channel
 * (the kernel only walks the layout in place instead of gathering), so they must agree exactly.
 */
class BatchNormKernelsTest {
    private static final int[] SIZES = {1, 2, 3, 5, 7, 16, 17};

    @Property(tries = 200)
    void kernelsMatchReference(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = SIZES[r.nextInt(SIZES.length)];
        int c = SIZES[r.nextInt(SIZES.length)];
        int s = SIZES[r.nextInt(SIZES.length)];
        checkLayout(r, n, c, s);
    }

    /** Large enough to take the parallel path. */
    @Test
    void parallelPathMatchesReference() {
        checkLayout(new SplittableRandom(7), 16, 33, 100);
    }

    private static void checkLayout(SplittableRandom r, int n, int c, int s) {
        int size = n * c * s;
        int xOff = r.nextInt(3);
        int gOff = r.nextInt(3);
        float[] x = KernelArrays.gaussian(r, xOff, size, 3);
        float[] g = KernelArrays.gaussian(r, gOff, size, 1);
        for (int i = xOff; i < x.length; i++) {
            x[i] += 5f; // a common offset, so that the mean matters
        }

        ChannelLayout layout = new ChannelLayout(n, c, s);
        double[] mean = new double[c];
        double[] var = new double[c];
        double[] refMean = new double[c];
        double[] refVar = new double[c];
        BatchNormKernels.meanAndVariance(x, xOff, layout, mean, var);
        BatchNormReference.meanAndVariance(x, xOff, layout, refMean, refVar);
        assertArrayEquals(refMean, mean, "mean");
        assertArrayEquals(refVar, var, "variance");

        double[] scale = randomDoubles(r, c);
        double[] shift = randomDoubles(r, c);
        float[] out = new float[size + 1];
        float[] refOut = new float[size + 1];
        BatchNormKernels.normalize(x, xOff, layout, mean, scale, shift, out, 1);
        BatchNormReference.normalize(x, xOff, layout, mean, scale, shift, refOut, 1);
        assertArrayEquals(refOut, out, "normalize");

        double[] sumG = new double[c];
        double[] sumGx = new double[c];
        double[] refSumG = new double[c];
        double[] refSumGx = new double[c];
        BatchNormKernels.gradientSums(g, gOff, x, xOff, layout, mean, sumG, sumGx);
        BatchNormReference.gradientSums(g, gOff, x, xOff, layout, mean, refSumG, refSumGx);
        assertArrayEquals(refSumG, sumG, "sum of g");
        assertArrayEquals(refSumGx, sumGx, "sum of g (x - mean)");

        double[] gShift = randomDoubles(r, c);
        double[] xSlope = randomDoubles(r, c);
        float[] dx = new float[size + 2];
        float[] refDx = new float[size + 2];
        BatchNormGradientTerms terms = new BatchNormGradientTerms(mean, scale, gShift, xSlope);
        BatchNormKernels.inputGradient(g, gOff, x, xOff, layout, terms, dx, 2);
        BatchNormReference.inputGradient(g, gOff, x, xOff, layout, terms, refDx, 2);
        assertArrayEquals(refDx, dx, "input gradient");
    }

    private static double[] randomDoubles(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-2, 2);
        }
        return v;
    }
}
