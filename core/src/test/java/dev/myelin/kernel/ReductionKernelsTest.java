package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link ScalarReductionKernels} held to {@link ReductionReference} on random layouts with an input offset.
 * Both accumulate in double in row-major order, so sums agree to float rounding.
 */
class ReductionKernelsTest {
    private static final int[] SIZES = {1, 1, 2, 3, 5, 7, 13, 17};

    private static int[] randomDims(SplittableRandom r, int rank) {
        int[] dims = new int[rank];
        int size = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = SIZES[r.nextInt(SIZES.length)];
            if (size * dims[i] > 4000) {
                dims[i] = 1;
            }
            size *= dims[i];
        }
        return dims;
    }

    private static int size(int[] dims) {
        int s = 1;
        for (int d : dims) {
            s *= d;
        }
        return s;
    }

    @Property(tries = 200)
    void sumAndExpandMatchReference(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int rank) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] dims = randomDims(r, rank);
        boolean[] reduced = new boolean[rank];
        int outSize = 1;
        for (int i = 0; i < rank; i++) {
            reduced[i] = r.nextBoolean();
            outSize *= reduced[i] ? 1 : dims[i];
        }
        int offset = r.nextInt(4);
        float[] x = KernelArrays.gaussian(r, offset, size(dims), 1);
        double scale = r.nextBoolean() ? 1.0 : 0.37;
        float[] fast = new float[outSize + 1];
        float[] slow = new float[outSize + 1];
        ScalarReductionKernels.sum(x, offset, dims, reduced, scale, fast, 1);
        ReductionReference.sum(x, offset, dims, reduced, scale, slow, 1);
        KernelArrays.assertClose("sum", slow, fast, 1e-6, 1e-6);

        float[] g = KernelArrays.gaussian(r, offset, outSize, 1);
        float[] fastOut = new float[size(dims) + 2];
        float[] slowOut = new float[size(dims) + 2];
        ScalarReductionKernels.expand(g, offset, dims, reduced, 0.5f, fastOut, 2);
        ReductionReference.expand(g, offset, dims, reduced, 0.5f, slowOut, 2);
        assertArrayEquals(slowOut, fastOut);
    }

    @Property(tries = 200)
    void maxAxisMatchesReference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 13) int outer,
            @ForAll @IntRange(min = 1, max = 17) int n, @ForAll @IntRange(min = 1, max = 13) int inner) {
        SplittableRandom r = new SplittableRandom(seed);
        int offset = r.nextInt(3);
        float[] x = KernelArrays.gaussian(r, offset, outer * n * inner, 2);
        for (int i = offset; i < x.length; i++) {
            x[i] = Math.round(x[i]); // ties
            if (r.nextInt(50) == 0) {
                x[i] = Float.NaN;
            }
        }
        float[] fast = new float[outer * inner];
        float[] slow = new float[outer * inner];
        int[] fastIdx = new int[outer * inner];
        int[] slowIdx = new int[outer * inner];
        ScalarReductionKernels.maxAxis(x, offset, outer, n, inner, fast, 0, fastIdx);
        ReductionReference.maxAxis(x, offset, outer, n, inner, slow, 0, slowIdx);
        assertArrayEquals(slow, fast);
        assertArrayEquals(slowIdx, fastIdx);
    }
}
