package dev.myelin.kernel;

import dev.myelin.kernel.BinaryKernels.Op;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link VectorBinaryKernels} held to {@link ScalarBinaryKernels} for every operation and stride
 * pattern (contiguous, a broadcast value on either side or both, and other strides), random lengths
 * 0..300 and offsets, with special values in the inputs. IEEE arithmetic is exact per element, so the
 * results must be bit-identical.
 */
class VectorBinaryKernelsTest {
    private static final int[][] STRIDES = {{1, 1}, {1, 0}, {0, 1}, {0, 0}, {2, 1}, {1, 3}, {0, 2}};

    @Property(tries = 300)
    void matchesTheScalarTwinBitForBit(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int n,
            @ForAll @IntRange(min = 0, max = 3) int which, @ForAll @IntRange(min = 0, max = 6) int pattern) {
        Assume.that(VectorSupport.AVAILABLE);
        Op op = Op.values()[which];
        int aStride = STRIDES[pattern][0];
        int bStride = STRIDES[pattern][1];
        SplittableRandom r = new SplittableRandom(seed);
        int aOff = r.nextInt(4);
        int bOff = r.nextInt(4);
        int outOff = r.nextInt(4);
        float[] a = VectorTesting.input(r, aOff, Math.max(1, n * aStride), 2, 10);
        float[] b = VectorTesting.input(r, bOff, Math.max(1, n * bStride), 2, 10);
        float[] expected = new float[outOff + n];
        float[] actual = new float[outOff + n];
        ScalarBinaryKernels.apply(op, a, aOff, aStride, b, bOff, bStride, expected, outOff, n);
        VectorBinaryKernels.apply(op, a, aOff, aStride, b, bOff, bStride, actual, outOff, n);
        VectorTesting.assertSameBits(op + " strides " + aStride + "," + bStride, expected, actual);
    }
}
