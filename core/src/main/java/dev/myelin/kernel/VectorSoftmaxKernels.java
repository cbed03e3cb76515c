package dev.myelin.kernel;

import static dev.myelin.kernel.VectorLoops.D;
import static dev.myelin.kernel.VectorLoops.L;
import static dev.myelin.kernel.VectorLoops.S;

import java.util.Arrays;
import java.util.function.IntConsumer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@link SoftmaxKernels} on the Vector API, in float with {@link VectorMath#exp} and sums accumulated
 * in double. (For small arrays {@link SoftmaxKernels} runs the scalar twin instead.)
 *
 * <p>The work is cut into segments of whole vectors ({@link Layout}): a contiguous axis
 * ({@code inner == 1}) gives one segment per row, its lanes splitting the row and combined at the end
 * in a fixed order; a strided axis gives one segment per block of L columns, one column per lane, each
 * lane walking its own column in order. Ragged ends (of rows, or the last columns) are gathered into
 * a small buffer padded with a value that adds nothing (-inf before exp, 0 in sums) and run as extra
 * segments. Segments are independent outputs, spread over the threads; nothing depends on the thread count.
 *
 * <p>Each step (maxima, exponentials, sums, the final scaling) is a separate sweep over the segments,
 * each a small loop called through {@link VectorLoops#forTasks}. Why: when C2 inlined the exp loop
 * into a larger method, it came out 3x slower (measured); a sweep's loop is compiled on its own, as
 * {@link VectorLoops#map} explains.
 *
 * <p>A value held in double and subtracted from floats (the log-sum-exp shift, the dot product of the
 * softmax backward) is used as two floats {@code hi + lo}, so that the subtraction loses no more than
 * the rounding of its result.
 */
final class VectorSoftmaxKernels {
    private VectorSoftmaxKernels() {
    }

    /**
     * An {@code (outer, n, inner)} array seen as segments of whole vectors, in place, plus the ragged
     * ends (of rows, or the last columns) gathered into a small padded buffer as tail segments.
     * Accumulator slot {@code a} (L lanes at {@code a·L}) belongs to a row, or to a block of columns.
     */
    private static final class Layout {
        final boolean rows;
        final int outer;
        final int n;
        final int inner;
        /** Vectorised length (n for rows, inner for columns) and its ragged remainder. */
        final int run;
        final int ragged;
        final int blocks;
        final int mainSegments;
        final int tailSegments;

        Layout(int outer, int n, int inner) {
            this.rows = inner == 1;
            this.outer = outer;
            this.n = n;
            this.inner = inner;
            this.run = rows ? n : inner;
            this.ragged = run % L;
            this.blocks = run / L;
            this.mainSegments = rows ? (blocks > 0 ? outer : 0) : outer * blocks;
            this.tailSegments = ragged > 0 ? outer : 0;
        }

        int slots() {
            return rows ? outer : mainSegments + tailSegments;
        }

        int mainBase(int s) {
            return rows ? s * n : (s / blocks) * n * inner + (s % blocks) * L;
        }

        int mainStep() {
            return rows ? L : inner;
        }

        int mainVectors() {
            return rows ? blocks : n;
        }

        int mainSlot(int s) {
            return s;
        }

        int tailBase(int s) {
            return rows ? s * L : s * n * L;
        }

        int tailVectors() {
            return rows ? 1 : n;
        }

        int tailSlot(int s) {
            return rows ? s : mainSegments + s;
        }

        /** The ragged ends of x, each padded to a whole vector with {@code pad}: rows·L or outer·n·L floats. */
        float[] tails(float[] x, int off, float pad) {
            if (ragged == 0) {
                return null;
            }
            int pieces = rows ? outer : outer * n;
            float[] t = new float[pieces * L];
            Arrays.fill(t, pad);
            for (int p = 0; p < pieces; p++) {
                System.arraycopy(x, off + p * run + blocks * L, t, p * L, ragged);
            }
            return t;
        }

        void copyTails(float[] t, float[] out, int off) {
            if (t == null) {
                return;
            }
            for (int p = 0, pieces = rows ? outer : outer * n; p < pieces; p++) {
                System.arraycopy(t, p * L, out, off + p * run + blocks * L, ragged);
            }
        }

        /** Runs a pass over the in-place segments, then over the tail segments, each a separate sweep. */
        void sweep(IntConsumer main, IntConsumer tail) {
            VectorLoops.forTasks(mainSegments, (long) outer * n * inner, main);
            VectorLoops.forTasks(tailSegments, (long) tailSegments * tailVectors() * L, tail);
        }

        /** For rows, replaces each row's lanes by their sum, added from first lane to last. */
        void combine(double[] lanes) {
            if (rows) {
                for (int a = 0; a < outer; a++) {
                    double total = 0;
                    for (int j = 0; j < L; j++) {
                        total += lanes[a * L + j];
                    }
                    Arrays.fill(lanes, a * L, a * L + L, total);
                }
            }
        }

        /** For rows, replaces each row's lanes by their maximum (any order gives the same). */
        void combine(float[] lanes) {
            if (rows) {
                for (int a = 0; a < outer; a++) {
                    float m = lanes[a * L];
                    for (int j = 1; j < L; j++) {
                        m = Math.max(m, lanes[a * L + j]);
                    }
                    Arrays.fill(lanes, a * L, a * L + L, m);
                }
            }
        }
    }

    static void softmax(float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        Layout l = new Layout(outer, n, inner);
        float[] xt = l.tails(x, xOff, Float.NEGATIVE_INFINITY);
        float[] ot = xt == null ? null : new float[xt.length];
        float[] max = maxima(l, x, xOff, xt);
        double[] sum = exponentialSums(l, x, xOff, xt, max, out, outOff, ot);
        float[] inverse = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            inverse[i] = (float) (1.0 / sum[i]);
        }
        l.sweep(s -> scalePass(out, outOff + l.mainBase(s), l.mainStep(), l.mainVectors(), inverse, l.mainSlot(s) * L),
                s -> scalePass(ot, l.tailBase(s), L, l.tailVectors(), inverse, l.tailSlot(s) * L));
        l.copyTails(ot, out, outOff);
    }

    static void logSoftmax(float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        Layout l = new Layout(outer, n, inner);
        float[] xt = l.tails(x, xOff, Float.NEGATIVE_INFINITY);
        float[] ot = xt == null ? null : new float[xt.length];
        float[] max = maxima(l, x, xOff, xt);
        double[] sum = exponentialSums(l, x, xOff, xt, max, out, outOff, ot); // the exponentials are scratch
        float[] hi = new float[sum.length];
        float[] lo = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            split(max[i] + Math.log(sum[i]), hi, lo, i);
        }
        l.sweep(s -> shiftPass(x, xOff + l.mainBase(s), l.mainStep(), l.mainVectors(), hi, lo, l.mainSlot(s) * L, out, outOff + l.mainBase(s)),
                s -> shiftPass(xt, l.tailBase(s), L, l.tailVectors(), hi, lo, l.tailSlot(s) * L, ot, l.tailBase(s)));
        l.copyTails(ot, out, outOff);
    }

    /** Softmax backward from the output y: {@code dx = y (g - Σ g y)} along the axis. */
    static void softmaxBackward(float[] y, int yOff, float[] g, int gOff, int outer, int n, int inner,
            float[] out, int outOff) {
        Layout l = new Layout(outer, n, inner);
        float[] yt = l.tails(y, yOff, 0f);
        float[] gt = l.tails(g, gOff, 0f);
        float[] ot = yt == null ? null : new float[yt.length];
        double[] dot = new double[l.slots() * L];
        l.sweep(s -> dotPass(y, yOff + l.mainBase(s), g, gOff + l.mainBase(s), l.mainStep(), l.mainVectors(), dot, l.mainSlot(s) * L),
                s -> dotPass(yt, l.tailBase(s), gt, l.tailBase(s), L, l.tailVectors(), dot, l.tailSlot(s) * L));
        l.combine(dot);
        float[] hi = new float[dot.length];
        float[] lo = new float[dot.length];
        for (int i = 0; i < dot.length; i++) {
            split(dot[i], hi, lo, i);
        }
        l.sweep(s -> softmaxBackwardPass(y, yOff + l.mainBase(s), g, gOff + l.mainBase(s), l.mainStep(), l.mainVectors(),
                        hi, lo, l.mainSlot(s) * L, out, outOff + l.mainBase(s)),
                s -> softmaxBackwardPass(yt, l.tailBase(s), gt, l.tailBase(s), L, l.tailVectors(),
                        hi, lo, l.tailSlot(s) * L, ot, l.tailBase(s)));
        l.copyTails(ot, out, outOff);
    }

    /** Log-softmax backward from the output y: {@code dx = g - exp(y) Σ g} along the axis. */
    static void logSoftmaxBackward(float[] y, int yOff, float[] g, int gOff, int outer, int n, int inner,
            float[] out, int outOff) {
        Layout l = new Layout(outer, n, inner);
        float[] yt = l.tails(y, yOff, 0f);
        float[] gt = l.tails(g, gOff, 0f);
        float[] ot = yt == null ? null : new float[yt.length];
        double[] total = new double[l.slots() * L];
        l.sweep(s -> sumPass(g, gOff + l.mainBase(s), l.mainStep(), l.mainVectors(), total, l.mainSlot(s) * L),
                s -> sumPass(gt, l.tailBase(s), L, l.tailVectors(), total, l.tailSlot(s) * L));
        l.combine(total);
        float[] minus = new float[total.length];
        for (int i = 0; i < total.length; i++) {
            minus[i] = (float) -total[i];
        }
        l.sweep(s -> logSoftmaxBackwardPass(y, yOff + l.mainBase(s), g, gOff + l.mainBase(s), l.mainStep(), l.mainVectors(),
                        minus, l.mainSlot(s) * L, out, outOff + l.mainBase(s)),
                s -> logSoftmaxBackwardPass(yt, l.tailBase(s), gt, l.tailBase(s), L, l.tailVectors(),
                        minus, l.tailSlot(s) * L, ot, l.tailBase(s)));
        l.copyTails(ot, out, outOff);
    }

    /** As {@link ScalarSoftmaxKernels#crossEntropyForward}; the row losses are added in row order. */
    static double crossEntropyForward(float[] logits, int logitsOff, int rows, int classes, int[] labels,
            float smoothing, float[] logProbs, int logProbsOff) {
        logSoftmax(logits, logitsOff, rows, classes, 1, logProbs, logProbsOff);
        double[] loss = new double[rows];
        VectorLoops.forTasks(rows, (long) rows * classes, r -> {
            int at = logProbsOff + r * classes;
            double l = 0;
            // Each term is skipped when its weight is 0, so that an unused -inf log-probability gives 0, not NaN.
            if (smoothing != 1f) {
                l -= (1.0 - smoothing) * logProbs[at + labels[r]];
            }
            if (smoothing != 0f) {
                l -= smoothing * VectorLoops.sum(logProbs, at, classes) / classes;
            }
            loss[r] = l;
        });
        double total = 0;
        for (double l : loss) {
            total += l;
        }
        return total;
    }

    /** {@code out = scale (softmax - t)}, in float: the error is about one ulp of the larger of p and t, times scale. */
    static void crossEntropyBackward(float[] logProbs, int logProbsOff, int rows, int classes, int[] labels,
            float smoothing, float scale, float[] out, int outOff) {
        float uniform = (float) ((double) smoothing / classes);
        float hit = uniform + (1f - smoothing);
        Layout l = new Layout(rows, classes, 1);
        float[] in = l.tails(logProbs, logProbsOff, 0f);
        float[] ot = in == null ? null : new float[in.length];
        l.sweep(r -> crossEntropyPass(logProbs, logProbsOff + l.mainBase(r), l.mainVectors(), uniform, scale, out, outOff + l.mainBase(r)),
                r -> crossEntropyPass(in, l.tailBase(r), 1, uniform, scale, ot, l.tailBase(r)));
        l.copyTails(ot, out, outOff);
        // The labels' elements again, with their own target, through the same arithmetic: one per vector.
        float[] picked = new float[rows * L];
        for (int r = 0; r < rows; r++) {
            picked[r * L] = logProbs[logProbsOff + r * classes + labels[r]];
        }
        crossEntropyPass(picked, 0, rows, hit, scale, picked, 0);
        for (int r = 0; r < rows; r++) {
            out[outOff + r * classes + labels[r]] = picked[r * L];
        }
    }

    /** The lane maxima of every slot, each row's lanes combined into its maximum. */
    private static float[] maxima(Layout l, float[] x, int xOff, float[] xt) {
        float[] max = new float[l.slots() * L];
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        l.sweep(s -> maxPass(x, xOff + l.mainBase(s), l.mainStep(), l.mainVectors(), max, l.mainSlot(s) * L),
                s -> maxPass(xt, l.tailBase(s), L, l.tailVectors(), max, l.tailSlot(s) * L));
        l.combine(max);
        return max;
    }

    /** {@code out = e^(x - max)} and the lane sums of out, each row's lanes combined; two sweeps (see the class comment). */
    private static double[] exponentialSums(Layout l, float[] x, int xOff, float[] xt, float[] max,
            float[] out, int outOff, float[] ot) {
        l.sweep(s -> expPass(x, xOff + l.mainBase(s), l.mainStep(), l.mainVectors(), max, l.mainSlot(s) * L, out, outOff + l.mainBase(s)),
                s -> expPass(xt, l.tailBase(s), L, l.tailVectors(), max, l.tailSlot(s) * L, ot, l.tailBase(s)));
        double[] sum = new double[l.slots() * L];
        l.sweep(s -> sumPass(out, outOff + l.mainBase(s), l.mainStep(), l.mainVectors(), sum, l.mainSlot(s) * L),
                s -> sumPass(ot, l.tailBase(s), L, l.tailVectors(), sum, l.tailSlot(s) * L));
        l.combine(sum);
        return sum;
    }

    // ---- Passes over count whole vectors at x[off + j * step]; lane accumulators live at acc[at, at + L). ----

    private static void maxPass(float[] x, int off, int step, int count, float[] max, int at) {
        FloatVector m = FloatVector.fromArray(S, max, at);
        for (int j = 0; j < count; j++) {
            m = m.max(FloatVector.fromArray(S, x, off + j * step));
        }
        m.intoArray(max, at);
    }

    /** {@code out = e^(x - max)}. */
    private static void expPass(float[] x, int off, int step, int count, float[] max, int at, float[] out, int outOff) {
        FloatVector m = FloatVector.fromArray(S, max, at);
        for (int j = 0; j < count; j++) {
            VectorMath.expDifference(FloatVector.fromArray(S, x, off + j * step), m).intoArray(out, outOff + j * step);
        }
    }

    private static void sumPass(float[] x, int off, int step, int count, double[] sum, int at) {
        DoubleVector lo = DoubleVector.fromArray(D, sum, at);
        DoubleVector hi = DoubleVector.fromArray(D, sum, at + D.length());
        for (int j = 0; j < count; j++) {
            FloatVector v = FloatVector.fromArray(S, x, off + j * step);
            lo = lo.add(VectorLoops.widenLow(v));
            hi = hi.add(VectorLoops.widenHigh(v));
        }
        lo.intoArray(sum, at);
        hi.intoArray(sum, at + D.length());
    }

    /** {@code sum += y g} in double (the product of two floats is exact in double). */
    private static void dotPass(float[] y, int yOff, float[] g, int gOff, int step, int count, double[] sum, int at) {
        DoubleVector lo = DoubleVector.fromArray(D, sum, at);
        DoubleVector hi = DoubleVector.fromArray(D, sum, at + D.length());
        for (int j = 0; j < count; j++) {
            FloatVector yv = FloatVector.fromArray(S, y, yOff + j * step);
            FloatVector gv = FloatVector.fromArray(S, g, gOff + j * step);
            lo = VectorLoops.widenLow(gv).fma(VectorLoops.widenLow(yv), lo);
            hi = VectorLoops.widenHigh(gv).fma(VectorLoops.widenHigh(yv), hi);
        }
        lo.intoArray(sum, at);
        hi.intoArray(sum, at + D.length());
    }

    private static void scalePass(float[] out, int off, int step, int count, float[] factor, int at) {
        FloatVector f = FloatVector.fromArray(S, factor, at);
        for (int j = 0; j < count; j++) {
            int v = off + j * step;
            FloatVector.fromArray(S, out, v).mul(f).intoArray(out, v);
        }
    }

    /** {@code out = (x - hi) - lo}. */
    private static void shiftPass(float[] x, int off, int step, int count, float[] hi, float[] lo, int at,
            float[] out, int outOff) {
        FloatVector h = FloatVector.fromArray(S, hi, at);
        FloatVector l = FloatVector.fromArray(S, lo, at);
        for (int j = 0; j < count; j++) {
            FloatVector.fromArray(S, x, off + j * step).sub(h).sub(l).intoArray(out, outOff + j * step);
        }
    }

    /** {@code out = y ((g - hi) - lo)}. */
    private static void softmaxBackwardPass(float[] y, int yOff, float[] g, int gOff, int step, int count,
            float[] hi, float[] lo, int at, float[] out, int outOff) {
        FloatVector h = FloatVector.fromArray(S, hi, at);
        FloatVector l = FloatVector.fromArray(S, lo, at);
        for (int j = 0; j < count; j++) {
            FloatVector gv = FloatVector.fromArray(S, g, gOff + j * step);
            gv.sub(h).sub(l).mul(FloatVector.fromArray(S, y, yOff + j * step)).intoArray(out, outOff + j * step);
        }
    }

    /** {@code out = g - e^y Σg}, with {@code -Σg} rounded to float: its error is below the 1-ulp error of {@code e^y}. */
    private static void logSoftmaxBackwardPass(float[] y, int yOff, float[] g, int gOff, int step, int count,
            float[] minusTotal, int at, float[] out, int outOff) {
        FloatVector t = FloatVector.fromArray(S, minusTotal, at);
        for (int j = 0; j < count; j++) {
            FloatVector gv = FloatVector.fromArray(S, g, gOff + j * step);
            VectorMath.exp(FloatVector.fromArray(S, y, yOff + j * step)).fma(t, gv).intoArray(out, outOff + j * step);
        }
    }

    /** {@code out = (e^lp - target) scale} over {@code count} consecutive vectors. */
    private static void crossEntropyPass(float[] lp, int off, int count, float target, float scale, float[] out, int outOff) {
        for (int j = 0; j < count; j++) {
            int at = j * L;
            VectorMath.exp(FloatVector.fromArray(S, lp, off + at)).sub(target).mul(scale).intoArray(out, outOff + at);
        }
    }

    /** {@code v} as {@code hi[j] + lo[j]}, two floats. */
    private static void split(double v, float[] hi, float[] lo, int j) {
        hi[j] = (float) v;
        lo[j] = (float) (v - hi[j]);
    }
}
