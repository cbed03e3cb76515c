package dev.myelin.kernel;

import static dev.myelin.kernel.VectorLoops.D;
import static dev.myelin.kernel.VectorLoops.L;
import static dev.myelin.kernel.VectorLoops.S;

import java.util.function.IntToDoubleFunction;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ReductionKernels} on the Vector API. Sums still accumulate in double (each float vector is
 * widened into two double vectors).
 *
 * <p>A sum along a contiguous run is cut into blocks of {@link #BLOCK} elements whose boundaries depend
 * only on the run length; each block is summed lane-wise and its lanes added in order, and the block
 * sums are then added in order. That order differs from the scalar twin's (so results agree to
 * rounding, not bit for bit) but never depends on the thread count. A sum across rows
 * ({@code inner > 1}) keeps one lane per output and adds the rows in order, exactly as the scalar
 * twin does, and so is bit-identical to it. The maximum and its index are exact selections and
 * always bit-identical.
 */
final class VectorReductionKernels {
    /** Elements per block of a long sum: one parallel task, and the unit of the fixed summation order. */
    static final int BLOCK = 1 << 14;
    /** Columns per parallel task of a sum or maximum across rows. */
    private static final int COLUMNS = 1024;
    private static final VectorSpecies<Integer> I = S.withLanes(int.class);

    private VectorReductionKernels() {
    }

    static void sum(float[] x, int xOff, int[] dims, boolean[] reduced, double scale, float[] out, int outOff) {
        ReductionLayout l = ReductionLayout.of(dims, reduced);
        int[] d = l.dims();
        boolean[] r = l.reduced();
        // Layouts that are (outer, n, inner) with n reduced: R, K, KR, RK, KRK (K kept, R reduced).
        switch (d.length) {
            case 1 -> sumAxis(x, xOff, 1, r[0] ? d[0] : 1, r[0] ? 1 : d[0], scale, out, outOff);
            case 2 -> sumAxis(x, xOff, r[0] ? 1 : d[0], r[0] ? d[0] : d[1], r[0] ? d[1] : 1, scale, out, outOff);
            default -> {
                if (d.length == 3 && !r[0]) {
                    sumAxis(x, xOff, d[0], d[1], d[2], scale, out, outOff);
                } else if (d.length == 3 && !r[1]) {
                    sumOuterAndInner(x, xOff, d[0], d[1], d[2], scale, out, outOff);
                } else {
                    sumRuns(x, xOff, l, scale, out, outOff);
                }
            }
        }
    }

    /**
     * {@code out[k] = scale Σ_o Σ_i x[o, k, i]}, the layout of a bias gradient ({@code (batch, channels,
     * positions)} summed to one value per channel): one double partial per contiguous run
     * {@code x[o, k, :]}, the partials of each k added in order of o.
     */
    private static void sumOuterAndInner(float[] x, int xOff, int outer, int n, int inner, double scale, float[] out,
            int outOff) {
        double[] partial = partials(n * outer, (long) outer * n * inner,
                t -> VectorLoops.sum(x, xOff + ((t % outer) * n + t / outer) * inner, inner));
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int o = 0; o < outer; o++) {
                s += partial[k * outer + o];
            }
            out[outOff + k] = (float) (s * scale);
        }
    }

    /** {@code out[o, i] = scale Σ_k x[o, k, i]}. */
    static void sumAxis(float[] x, int xOff, int outer, int n, int inner, double scale, float[] out, int outOff) {
        if (inner == 1) {
            int blocks = Math.max(1, (n + BLOCK - 1) / BLOCK);
            double[] partial = partials(outer * blocks, (long) outer * n, t -> {
                int o = t / blocks;
                int from = (t % blocks) * BLOCK;
                return VectorLoops.sum(x, xOff + o * n + from, Math.min(BLOCK, n - from));
            });
            for (int o = 0; o < outer; o++) {
                double s = 0;
                for (int b = 0; b < blocks; b++) {
                    s += partial[o * blocks + b];
                }
                out[outOff + o] = (float) (s * scale);
            }
            return;
        }
        int columnTasks = (inner + COLUMNS - 1) / COLUMNS;
        VectorLoops.forTasks(outer * columnTasks, (long) outer * n * inner, t -> {
            int o = t / columnTasks;
            int from = (t % columnTasks) * COLUMNS;
            sumColumns(x, xOff + o * n * inner, n, inner, from, Math.min(inner, from + COLUMNS), scale, out, outOff + o * inner);
        });
    }

    /** Columns {@code [from, to)} of {@code Σ_k x[k, i]}: one lane per column, rows added in order. */
    private static void sumColumns(float[] x, int base, int n, int inner, int from, int to, double scale,
            float[] out, int outOff) {
        double[] lanes = new double[L];
        for (int i = from; i < to; i += L) {
            VectorMask<Float> m = S.indexInRange(i, to);
            DoubleVector lo = DoubleVector.zero(D);
            DoubleVector hi = DoubleVector.zero(D);
            for (int k = 0, at = base + i; k < n; k++, at += inner) {
                FloatVector v = FloatVector.fromArray(S, x, at, m);
                lo = lo.add(VectorLoops.widenLow(v));
                hi = hi.add(VectorLoops.widenHigh(v));
            }
            lo.intoArray(lanes, 0);
            hi.intoArray(lanes, D.length());
            for (int j = 0, w = Math.min(L, to - i); j < w; j++) {
                out[outOff + i + j] = (float) (lanes[j] * scale);
            }
        }
    }

    /** Any other layout: the scalar twin's walk over contiguous runs, with each reduced run summed on vectors. */
    private static void sumRuns(float[] x, int xOff, ReductionLayout l, double scale, float[] out, int outOff) {
        double[] acc = new double[l.outSize()];
        int last = l.dims().length - 1;
        int runLength = l.dims()[last];
        boolean reduceRun = l.reduced()[last];
        int runs = runLength == 0 ? 0 : l.size() / runLength;
        int[] index = new int[last];
        int pos = 0;
        for (int r = 0, in = xOff; r < runs; r++, in += runLength) {
            if (reduceRun) {
                acc[pos] += VectorLoops.sum(x, in, runLength);
            } else {
                for (int j = 0; j < runLength; j++) {
                    acc[pos + j] += x[in + j];
                }
            }
            pos = l.advance(index, pos);
        }
        for (int i = 0; i < acc.length; i++) {
            out[outOff + i] = (float) (acc[i] * scale);
        }
    }

    /** As the scalar twin, including NaN winning and the first index on ties. */
    static void maxAxis(float[] x, int xOff, int outer, int n, int inner, float[] values, int valuesOff, int[] indices) {
        if (n < 1) {
            throw new IllegalArgumentException("maxAxis: the reduced axis is empty");
        }
        if (inner == 1) {
            VectorLoops.forTasks(outer, (long) outer * n, o -> maxRow(x, xOff + o * n, n, values, valuesOff + o, indices, o));
            return;
        }
        int columnTasks = (inner + COLUMNS - 1) / COLUMNS;
        VectorLoops.forTasks(outer * columnTasks, (long) outer * n * inner, t -> {
            int o = t / columnTasks;
            int from = (t % columnTasks) * COLUMNS;
            maxColumns(x, xOff + o * n * inner, n, inner, from, Math.min(inner, from + COLUMNS),
                    values, valuesOff + o * inner, indices, o * inner);
        });
    }

    /** Whether {@code v} should replace {@code best}: larger, or the first NaN. */
    private static VectorMask<Float> beats(FloatVector v, FloatVector best) {
        return v.compare(VectorOperators.GT, best)
                .or(VectorMath.isNaN(v).andNot(VectorMath.isNaN(best)));
    }

    /** The maximum of one contiguous row: lane j keeps the best of elements j, j + L, ..., then lanes are merged. */
    private static void maxRow(float[] x, int row, int n, float[] values, int valueAt, int[] indices, int indexAt) {
        FloatVector best = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        IntVector bestIndex = IntVector.zero(I);
        IntVector iota = IntVector.zero(I).addIndex(1);
        for (int k = 0; k < n; k += L) {
            VectorMask<Float> m = S.indexInRange(k, n);
            FloatVector v = FloatVector.fromArray(S, x, row + k, m);
            VectorMask<Float> take = beats(v, best).and(m);
            best = best.blend(v, take);
            bestIndex = bestIndex.blend(iota.add(k), take.cast(I));
        }
        // Merge the lanes: the largest value (NaN above all), and among equals the smallest index.
        int winner = bestIndex.lane(0);
        float top = best.lane(0);
        for (int j = 1; j < L; j++) {
            float v = best.lane(j);
            int k = bestIndex.lane(j);
            boolean better = v > top || (v != v && top == top);
            boolean tie = v == top || (v != v && top != top);
            if (better || (tie && k < winner)) {
                top = v;
                winner = k;
            }
        }
        values[valueAt] = x[row + winner];
        indices[indexAt] = winner;
    }

    /** Columns {@code [from, to)} of the maximum across rows: one lane per column, rows visited in order. */
    private static void maxColumns(float[] x, int base, int n, int inner, int from, int to,
            float[] values, int valuesOff, int[] indices, int indicesOff) {
        for (int i = from; i < to; i += L) {
            VectorMask<Float> m = S.indexInRange(i, to);
            FloatVector best = FloatVector.fromArray(S, x, base + i, m);
            IntVector bestIndex = IntVector.zero(I);
            for (int k = 1, at = base + inner + i; k < n; k++, at += inner) {
                FloatVector v = FloatVector.fromArray(S, x, at, m);
                VectorMask<Float> take = beats(v, best);
                best = best.blend(v, take);
                bestIndex = bestIndex.blend(k, take.cast(I));
            }
            best.intoArray(values, valuesOff + i, m);
            bestIndex.intoArray(indices, indicesOff + i, m.cast(I));
        }
    }

    /** {@code Σ (a[i] - b[i])²} in double, blocked like a long sum. */
    static double sumSquaredDifference(float[] a, int aOff, float[] b, int bOff, int n) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = partials(blocks, n, t -> {
            int from = t * BLOCK;
            return squaredDifference(a, aOff + from, b, bOff + from, Math.min(BLOCK, n - from));
        });
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    private static double squaredDifference(float[] a, int aOff, float[] b, int bOff, int n) {
        DoubleVector acc = DoubleVector.zero(D);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            acc = addSquaredDifference(FloatVector.fromArray(S, a, aOff + i), FloatVector.fromArray(S, b, bOff + i), acc);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            acc = addSquaredDifference(FloatVector.fromArray(S, a, aOff + i, m), FloatVector.fromArray(S, b, bOff + i, m), acc);
        }
        return VectorLoops.lanes(acc);
    }

    /** {@code acc + (a - b)²} lane-wise, the difference taken in double so that it is exact. */
    private static DoubleVector addSquaredDifference(FloatVector a, FloatVector b, DoubleVector acc) {
        DoubleVector lo = VectorLoops.widenLow(a).sub(VectorLoops.widenLow(b));
        DoubleVector hi = VectorLoops.widenHigh(a).sub(VectorLoops.widenHigh(b));
        return hi.fma(hi, lo.fma(lo, acc));
    }

    /** {@code f(t)} for every task t, on all threads when {@code work} (elements touched) is large. */
    private static double[] partials(int tasks, long work, IntToDoubleFunction f) {
        double[] partial = new double[tasks];
        VectorLoops.forTasks(tasks, work, t -> partial[t] = f.applyAsDouble(t));
        return partial;
    }
}
