package dev.myelin.kernel;

import static dev.myelin.kernel.VectorLoops.L;
import static dev.myelin.kernel.VectorLoops.S;

import dev.myelin.kernel.BinaryKernels.Op;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * {@link BinaryKernels} on the Vector API. Contiguous runs and runs against a broadcast value (stride 0
 * on either side) are vectorised, with one loop per operation so that each loop body is a single
 * instruction; any other stride pattern runs the scalar twin. IEEE arithmetic is exact per element,
 * so the results are bit-identical to {@link ScalarBinaryKernels}.
 */
final class VectorBinaryKernels {
    private VectorBinaryKernels() {
    }

    static void apply(Op op, float[] a, int aOff, int aStride, float[] b, int bOff, int bStride,
            float[] out, int outOff, int n) {
        if (aStride == 1 && bStride == 1) {
            VectorLoops.forChunks(n, (from, to) -> both(op, a, aOff, b, bOff, out, outOff, from, to));
        } else if (aStride == 1 && bStride == 0) {
            float y = b[bOff];
            VectorLoops.forChunks(n, (from, to) -> scalarRight(op, a, aOff, y, out, outOff, from, to));
        } else if (aStride == 0 && bStride == 1) {
            float x = a[aOff];
            VectorLoops.forChunks(n, (from, to) -> scalarLeft(op, x, b, bOff, out, outOff, from, to));
        } else {
            ScalarBinaryKernels.apply(op, a, aOff, aStride, b, bOff, bStride, out, outOff, n);
        }
    }

    private static void both(Op op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int from, int to) {
        int i = from;
        int end = from + S.loopBound(to - from);
        switch (op) {
            case ADD -> { for (; i < end; i += L) a(a, aOff + i).add(a(b, bOff + i)).intoArray(out, outOff + i); }
            case SUB -> { for (; i < end; i += L) a(a, aOff + i).sub(a(b, bOff + i)).intoArray(out, outOff + i); }
            case MUL -> { for (; i < end; i += L) a(a, aOff + i).mul(a(b, bOff + i)).intoArray(out, outOff + i); }
            case DIV -> { for (; i < end; i += L) a(a, aOff + i).div(a(b, bOff + i)).intoArray(out, outOff + i); }
        }
        if (i < to) {
            VectorMask<Float> m = S.indexInRange(i, to);
            op(op, FloatVector.fromArray(S, a, aOff + i, m), FloatVector.fromArray(S, b, bOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    private static void scalarRight(Op op, float[] a, int aOff, float y, float[] out, int outOff, int from, int to) {
        int i = from;
        int end = from + S.loopBound(to - from);
        switch (op) {
            case ADD -> { for (; i < end; i += L) a(a, aOff + i).add(y).intoArray(out, outOff + i); }
            case SUB -> { for (; i < end; i += L) a(a, aOff + i).sub(y).intoArray(out, outOff + i); }
            case MUL -> { for (; i < end; i += L) a(a, aOff + i).mul(y).intoArray(out, outOff + i); }
            case DIV -> { for (; i < end; i += L) a(a, aOff + i).div(y).intoArray(out, outOff + i); }
        }
        if (i < to) {
            VectorMask<Float> m = S.indexInRange(i, to);
            op(op, FloatVector.fromArray(S, a, aOff + i, m), FloatVector.broadcast(S, y)).intoArray(out, outOff + i, m);
        }
    }

    private static void scalarLeft(Op op, float x, float[] b, int bOff, float[] out, int outOff, int from, int to) {
        int i = from;
        int end = from + S.loopBound(to - from);
        FloatVector xv = FloatVector.broadcast(S, x);
        switch (op) {
            case ADD -> { for (; i < end; i += L) xv.add(a(b, bOff + i)).intoArray(out, outOff + i); }
            case SUB -> { for (; i < end; i += L) xv.sub(a(b, bOff + i)).intoArray(out, outOff + i); }
            case MUL -> { for (; i < end; i += L) xv.mul(a(b, bOff + i)).intoArray(out, outOff + i); }
            case DIV -> { for (; i < end; i += L) xv.div(a(b, bOff + i)).intoArray(out, outOff + i); }
        }
        if (i < to) {
            VectorMask<Float> m = S.indexInRange(i, to);
            op(op, xv, FloatVector.fromArray(S, b, bOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    /** One full vector of {@code x} from {@code off}. */
    private static FloatVector a(float[] x, int off) {
        return FloatVector.fromArray(S, x, off);
    }

    private static FloatVector op(Op op, FloatVector x, FloatVector y) {
        return switch (op) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            case DIV -> x.div(y);
        };
    }
}
