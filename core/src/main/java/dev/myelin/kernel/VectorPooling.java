package dev.myelin.kernel;

import static dev.myelin.kernel.VectorLoops.L;
import static dev.myelin.kernel.VectorLoops.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 2x2, stride-2 max-pool of {@link Pooling} on the Vector API. Forward runs one output row at a time: the two
 * input rows are loaded as vectors of pairs and split into their even and odd columns, so that each
 * lane holds one window's four values. The tournament is {@link Pooling}'s scalar one, lane for lane
 * (strict {@code >}, pairs in window order), so values and indices are bit-identical to it; a block
 * that holds a NaN is left to the scalar rule. A 14-wide output row fills 14 of 16 lanes.
 */
final class VectorPooling {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Lane n takes element 2n of the two vectors laid end to end; {@link #ODD} takes 2n + 1. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, n -> 2 * n);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, n -> 2 * n + 1);
    /** 0, 2, 4, ...: the left column of each lane's window, relative to the block's first. */
    private static final IntVector STEP_TWO = IntVector.fromArray(I, twos(), 0);
    private static final ThreadLocal<int[]> INDEX_LANES = ThreadLocal.withInitial(() -> new int[L]);

    private VectorPooling() {
    }

    private static int[] twos() {
        int[] t = new int[L];
        for (int n = 0; n < L; n++) {
            t[n] = 2 * n;
        }
        return t;
    }

    /** One row of {@code outW} outputs, in blocks of up to {@code L}; a block with a NaN goes to the scalar loop. */
    static void maxPool2x2Row(float[] x, int plane, int first, int width, int outW, float[] y, int yAt, int[] argmax,
            int argmaxAt) {
        for (int ow = 0; ow < outW; ow += L) {
            int n = Math.min(L, outW - ow);
            if (!block(x, plane, first + 2 * ow, width, n, y, yAt + ow, argmax, argmaxAt + ow)) {
                Pooling.maxPool2x2Outputs(x, plane, first + 2 * ow, width, n, y, yAt + ow, argmax, argmaxAt + ow);
            }
        }
    }

    /** {@code n <= L} outputs whose windows start at plane index {@code first}; false if one holds a NaN. */
    private static boolean block(float[] x, int plane, int first, int width, int n, float[] y, int yAt, int[] argmax,
            int argmaxAt) {
        int at = plane + first;
        VectorMask<Float> lo = S.indexInRange(0, 2 * n);
        VectorMask<Float> hi = S.indexInRange(L, 2 * n);
        FloatVector top0 = FloatVector.fromArray(S, x, at, lo);
        FloatVector top1 = FloatVector.fromArray(S, x, at + L, hi);
        FloatVector bottom0 = FloatVector.fromArray(S, x, at + width, lo);
        FloatVector bottom1 = FloatVector.fromArray(S, x, at + width + L, hi);
        FloatVector a = top0.rearrange(EVEN, top1);
        FloatVector b = top0.rearrange(ODD, top1);
        FloatVector c = bottom0.rearrange(EVEN, bottom1);
        FloatVector d = bottom0.rearrange(ODD, bottom1);
        if (a.add(b).add(c).add(d).test(VectorOperators.IS_NAN).anyTrue()) {
            return false; // masked-off lanes load zeros, so only real windows can raise this
        }
        VectorMask<Float> bWins = b.compare(VectorOperators.GT, a);
        VectorMask<Float> dWins = d.compare(VectorOperators.GT, c);
        FloatVector left = a.blend(b, bWins);
        FloatVector right = c.blend(d, dWins);
        VectorMask<Float> rightWins = right.compare(VectorOperators.GT, left);
        VectorMask<Float> valid = S.indexInRange(0, n);
        left.blend(right, rightWins).intoArray(y, yAt, valid);
        if (argmax == null) {
            return true; // no backward will follow: the indices are not needed
        }
        IntVector leftIndex = STEP_TWO.add(first);
        leftIndex = leftIndex.blend(leftIndex.add(1), bWins.cast(I));
        IntVector rightIndex = STEP_TWO.add(first + width);
        rightIndex = rightIndex.blend(rightIndex.add(1), dWins.cast(I));
        IntVector chosen = leftIndex.blend(rightIndex, rightWins.cast(I));
        if (n == L) {
            chosen.intoArray(argmax, argmaxAt);
        } else {
            // Not a masked store: that one ran the Vector API's bounds check in Java (AbstractMask.checkIndexByLane,
            // 2.4% of a training step's samples); a copy of the n indices costs less.
            int[] lanes = INDEX_LANES.get();
            chosen.intoArray(lanes, 0);
            System.arraycopy(lanes, 0, argmax, argmaxAt, n);
        }
        return true;
    }

    /**
     * The backward of plane {@code p}, into {@code dx[plane..]}: zeros, then each output's gradient stored at the input its window
     * chose; where {@code y} is given, only the gradients of positive outputs (ReLU after the pool).
     * 2x2 stride-2 windows do not overlap, so no input receives two gradients and a scatter store needs
     * no sum.
     */
    static void maxPool2x2BackwardPlane(int p, Window2d window, float[] gy, int gyOff, float[] y, int yOff,
            int[] argmax, int argmaxOff, float[] dx, int plane) {
        int outPlane = window.outPlaneSize();
        java.util.Arrays.fill(dx, plane, plane + window.planeSize(), 0f);
        int first = p * outPlane;
        int l = 0;
        // The scatter reads a whole vector of indices even under a mask, so the tail is scalar.
        for (int whole = S.loopBound(outPlane); l < whole; l += L) {
            FloatVector g = FloatVector.fromArray(S, gy, gyOff + first + l);
            if (y != null) {
                g = g.blend(0f, FloatVector.fromArray(S, y, yOff + first + l).compare(VectorOperators.GT, 0f).not());
            }
            g.intoArray(dx, plane, argmax, argmaxOff + first + l);
        }
        for (; l < outPlane; l++) {
            if (y == null || y[yOff + first + l] > 0f) {
                dx[plane + argmax[argmaxOff + first + l]] = gy[gyOff + first + l];
            }
        }
    }
}
