package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link VectorReductionKernels} held to {@link ScalarReductionKernels}: sums over random layouts and
 * over {@code (outer, n, inner)} axes, the maximum with its index, and the squared-difference sum.
 *
 * <p>Tolerances: both paths accumulate in double, the vector path in another order, so the double
 * sums differ by at most {@code size · 2^-53 · Σ|x|}; after rounding to float that is at most 1 ulp
 * plus that amount. A sum across rows ({@code inner > 1}) adds in the twin's order and must match bit
 * for bit, and so must the maximum and its index (an exact selection).
 */
class VectorReductionKernelsTest {
    private static final int[] SIZES = {1, 1, 2, 3, 5, 7, 13, 17, 31};

    @Property(tries = 200)
    void sumOverRandomDimensionsMatches(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int rank) {
        Assume.that(VectorSupport.AVAILABLE);
        SplittableRandom r = new SplittableRandom(seed);
        int[] dims = new int[rank];
        boolean[] reduced = new boolean[rank];
        int size = 1;
        int outSize = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = size > 2000 ? 1 : SIZES[r.nextInt(SIZES.length)];
            reduced[i] = r.nextBoolean();
            size *= dims[i];
            outSize *= reduced[i] ? 1 : dims[i];
        }
        int offset = r.nextInt(4);
        float[] x = KernelArrays.gaussian(r, offset, size, 1);
        double scale = r.nextBoolean() ? 1.0 : 0.37;
        float[] expected = new float[outSize + 1];
        float[] actual = new float[outSize + 1];
        ScalarReductionKernels.sum(x, offset, dims, reduced, scale, expected, 1);
        VectorReductionKernels.sum(x, offset, dims, reduced, scale, actual, 1);
        VectorTesting.assertClose("sum", expected, actual, 1, size * 0x1p-53 * absSum(x) * scale);
    }

    @Property(tries = 200)
    void sumAlongAnAxisMatches(@ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int outer,
            @ForAll @IntRange(min = 0, max = 300) int n, @ForAll @IntRange(min = 1, max = 40) int inner) {
        Assume.that(VectorSupport.AVAILABLE);
        SplittableRandom r = new SplittableRandom(seed);
        int offset = r.nextInt(4);
        float[] x = KernelArrays.gaussian(r, offset, outer * n * inner, 1);
        int[] dims = {outer, n, inner};
        boolean[] reduced = {false, true, false};
        float[] expected = new float[outer * inner];
        float[] actual = new float[outer * inner];
        ScalarReductionKernels.sum(x, offset, dims, reduced, 0.5, expected, 0);
        VectorReductionKernels.sumAxis(x, offset, outer, n, inner, 0.5, actual, 0);
        if (inner > 1) {
            VectorTesting.assertSameBits("sum across rows", expected, actual);
        } else {
            VectorTesting.assertClose("row sums", expected, actual, 1, n * 0x1p-53 * absSum(x));
        }
    }

    @Property(tries = 200)
    void maxAxisIsBitIdentical(@ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int outer,
            @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 40) int inner) {
        Assume.that(VectorSupport.AVAILABLE);
        SplittableRandom r = new SplittableRandom(seed);
        int offset = r.nextInt(3);
        float[] x = KernelArrays.gaussian(r, offset, outer * n * inner, 2);
        for (int i = offset; i < x.length; i++) {
            x[i] = Math.round(x[i]); // ties, and -0 against 0
            if (r.nextInt(200) == 0) {
                x[i] = Float.NaN;
            } else if (r.nextInt(100) == 0) {
                x[i] = r.nextBoolean() ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
            }
        }
        float[] expected = new float[outer * inner + 1];
        float[] actual = new float[outer * inner + 1];
        int[] expectedIdx = new int[outer * inner];
        int[] actualIdx = new int[outer * inner];
        ScalarReductionKernels.maxAxis(x, offset, outer, n, inner, expected, 1, expectedIdx);
        VectorReductionKernels.maxAxis(x, offset, outer, n, inner, actual, 1, actualIdx);
        VectorTesting.assertSameBits("max", expected, actual);
        assertArrayEquals(expectedIdx, actualIdx);
    }

    // Differences are exact in double and squares nearly so: only the summation order differs.
    @Property(tries = 200)
    void sumSquaredDifferenceMatches(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int n) {
        Assume.that(VectorSupport.AVAILABLE);
        SplittableRandom r = new SplittableRandom(seed);
        int aOff = r.nextInt(4);
        int bOff = r.nextInt(4);
        float[] a = KernelArrays.gaussian(r, aOff, n, 3);
        float[] b = KernelArrays.gaussian(r, bOff, n, 3);
        double expected = ScalarReductionKernels.sumSquaredDifference(a, aOff, b, bOff, n);
        double actual = VectorReductionKernels.sumSquaredDifference(a, aOff, b, bOff, n);
        assertEquals(expected, actual, (n + 2) * 0x1p-52 * expected);
    }

    private static double absSum(float[] x) {
        double s = 0;
        for (float v : x) {
            s += Math.abs(v);
        }
        return s;
    }
}
