package dev.myelin.kernel;

import static dev.myelin.kernel.VectorLoops.D;
import static dev.myelin.kernel.VectorLoops.L;
import static dev.myelin.kernel.VectorLoops.S;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link SoftmaxKernels} on the Vector API, in float with {@link VectorMath#exp} and sums accumulated
 * in double. A contiguous axis ({@code inner == 1}) is one row: the lanes split the row and are
 * combined in a fixed order. A strided axis keeps one lane per column, so each lane walks its own row
 * in order. Rows (or column blocks) are independent outputs and are spread over the threads; nothing
 * depends on the thread count.
 *
 * <p>A value {@code v} held in double and subtracted from floats (the log-sum-exp shift, the dot
 * product of the softmax backward) is used as two floats {@code hi + lo}, so that the subtraction
 * loses no more than the rounding of its result.
 */
final class VectorSoftmaxKernels {
    /** Columns per parallel task on a strided axis. */
    private static final int COLUMNS = 256;

    private VectorSoftmaxKernels() {
    }

    static void softmax(float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        forRows(x, xOff, outer, n, inner, out, outOff, Kind.SOFTMAX);
    }

    static void logSoftmax(float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff) {
        forRows(x, xOff, outer, n, inner, out, outOff, Kind.LOG_SOFTMAX);
    }

    private enum Kind { SOFTMAX, LOG_SOFTMAX }

    private static void forRows(float[] x, int xOff, int outer, int n, int inner, float[] out, int outOff, Kind kind) {
        if (inner == 1) {
            VectorLoops.forTasks(outer, (long) outer * n, o -> {
                if (kind == Kind.SOFTMAX) {
                    softmaxRow(x, xOff + o * n, n, out, outOff + o * n);
                } else {
                    logSoftmaxRow(x, xOff + o * n, n, out, outOff + o * n);
                }
            });
            return;
        }
        int blocks = (inner + COLUMNS - 1) / COLUMNS;
        VectorLoops.forTasks(outer * blocks, (long) outer * n * inner, t -> {
            int o = t / blocks;
            int base = o * n * inner;
            int to = Math.min(inner, (t % blocks) * COLUMNS + COLUMNS);
            for (int i = (t % blocks) * COLUMNS; i < to; i += L) {
                columns(x, xOff + base + i, n, inner, S.indexInRange(i, to), out, outOff + base + i, kind);
            }
        });
    }

    private static void softmaxRow(float[] x, int in, int n, float[] out, int dst) {
        FloatVector max = FloatVector.broadcast(S, rowMax(x, in, n));
        DoubleVector lo = DoubleVector.zero(D);
        DoubleVector hi = DoubleVector.zero(D);
        for (int k = 0; k < n; k += L) {
            VectorMask<Float> m = S.indexInRange(k, n);
            FloatVector e = VectorMath.expDifference(FloatVector.fromArray(S, x, in + k, m), max);
            e.intoArray(out, dst + k, m);
            e = e.blend(0f, m.not());
            lo = lo.add(VectorLoops.widenLow(e));
            hi = hi.add(VectorLoops.widenHigh(e));
        }
        float inverse = (float) (1.0 / VectorLoops.lanes(lo.add(hi)));
        for (int k = 0; k < n; k += L) {
            VectorMask<Float> m = S.indexInRange(k, n);
            FloatVector.fromArray(S, out, dst + k, m).mul(inverse).intoArray(out, dst + k, m);
        }
    }

    private static void logSoftmaxRow(float[] x, int in, int n, float[] out, int dst) {
        float max = rowMax(x, in, n);
        FloatVector maxV = FloatVector.broadcast(S, max);
        DoubleVector lo = DoubleVector.zero(D);
        DoubleVector hi = DoubleVector.zero(D);
        for (int k = 0; k < n; k += L) {
            VectorMask<Float> m = S.indexInRange(k, n);
            FloatVector e = VectorMath.expDifference(FloatVector.fromArray(S, x, in + k, m), maxV).blend(0f, m.not());
            lo = lo.add(VectorLoops.widenLow(e));
            hi = hi.add(VectorLoops.widenHigh(e));
        }
        double shift = max + Math.log(VectorLoops.lanes(lo.add(hi)));
        float shiftHi = (float) shift;
        float shiftLo = (float) (shift - shiftHi);
        for (int k = 0; k < n; k += L) {
            VectorMask<Float> m = S.indexInRange(k, n);
            FloatVector.fromArray(S, x, in + k, m).sub(shiftHi).sub(shiftLo).intoArray(out, dst + k, m);
        }
    }

    /** One vector of columns of an (n, inner) slab starting at {@code in}: softmax or log-softmax down each column. */
    private static void columns(float[] x, int in, int n, int inner, VectorMask<Float> m, float[] out, int dst, Kind kind) {
        FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int k = 0; k < n; k++) {
            max = max.max(FloatVector.fromArray(S, x, in + k * inner, m));
        }
        DoubleVector lo = DoubleVector.zero(D);
        DoubleVector hi = DoubleVector.zero(D);
        for (int k = 0; k < n; k++) {
            FloatVector e = VectorMath.expDifference(FloatVector.fromArray(S, x, in + k * inner, m), max);
            if (kind == Kind.SOFTMAX) {
                e.intoArray(out, dst + k * inner, m);
            }
            lo = lo.add(VectorLoops.widenLow(e));
            hi = hi.add(VectorLoops.widenHigh(e));
        }
        double[] sums = new double[L];
        lo.intoArray(sums, 0);
        hi.intoArray(sums, D.length());
        float[] a = new float[L];
        float[] b = new float[L];
        for (int j = 0; j < L; j++) {
            if (kind == Kind.SOFTMAX) {
                a[j] = (float) (1.0 / sums[j]);
            } else {
                double shift = max.lane(j) + Math.log(sums[j]);
                a[j] = (float) shift;
                b[j] = (float) (shift - a[j]);
            }
        }
        FloatVector va = FloatVector.fromArray(S, a, 0);
        FloatVector vb = FloatVector.fromArray(S, b, 0);
        for (int k = 0; k < n; k++) {
            int at = k * inner;
            if (kind == Kind.SOFTMAX) {
                FloatVector.fromArray(S, out, dst + at, m).mul(va).intoArray(out, dst + at, m);
            } else {
                FloatVector.fromArray(S, x, in + at, m).sub(va).sub(vb).intoArray(out, dst + at, m);
            }
        }
    }

    /** Softmax backward from the output y: {@code dx = y (g - Σ g y)} along the axis. */
    static void softmaxBackward(float[] y, int yOff, float[] g, int gOff, int outer, int n, int inner,
            float[] out, int outOff) {
        backward(y, yOff, g, gOff, outer, n, inner, out, outOff, false);
    }

    /** Log-softmax backward from the output y: {@code dx = g - exp(y) Σ g} along the axis. */
    static void logSoftmaxBackward(float[] y, int yOff, float[] g, int gOff, int outer, int n, int inner,
            float[] out, int outOff) {
        backward(y, yOff, g, gOff, outer, n, inner, out, outOff, true);
    }

    private static void backward(float[] y, int yOff, float[] g, int gOff, int outer, int n, int inner,
            float[] out, int outOff, boolean log) {
        int blocks = inner == 1 ? 1 : (inner + COLUMNS - 1) / COLUMNS;
        int width = inner == 1 ? n : COLUMNS;
        VectorLoops.forTasks(outer * blocks, (long) outer * n * inner, t -> {
            int o = t / blocks;
            int base = o * n * inner;
            if (inner == 1) {
                backwardRow(y, yOff + base, g, gOff + base, n, out, outOff + base, log);
                return;
            }
            int to = Math.min(inner, (t % blocks) * width + width);
            for (int i = (t % blocks) * width; i < to; i += L) {
                backwardColumns(y, yOff + base + i, g, gOff + base + i, n, inner, S.indexInRange(i, to),
                        out, outOff + base + i, log);
            }
        });
    }

    private static void backwardRow(float[] y, int yAt, float[] g, int gAt, int n, float[] out, int dst, boolean log) {
        DoubleVector lo = DoubleVector.zero(D);
        DoubleVector hi = DoubleVector.zero(D);
        for (int k = 0; k < n; k += L) {
            VectorMask<Float> m = S.indexInRange(k, n);
            FloatVector gv = FloatVector.fromArray(S, g, gAt + k, m);
            if (log) {
                lo = lo.add(VectorLoops.widenLow(gv));
                hi = hi.add(VectorLoops.widenHigh(gv));
            } else {
                FloatVector yv = FloatVector.fromArray(S, y, yAt + k, m);
                lo = VectorLoops.widenLow(gv).fma(VectorLoops.widenLow(yv), lo);
                hi = VectorLoops.widenHigh(gv).fma(VectorLoops.widenHigh(yv), hi);
            }
        }
        double s = VectorLoops.lanes(lo.add(hi));
        float sHi = (float) s;
        float sLo = (float) (s - sHi);
        for (int k = 0; k < n; k += L) {
            VectorMask<Float> m = S.indexInRange(k, n);
            FloatVector gv = FloatVector.fromArray(S, g, gAt + k, m);
            FloatVector yv = FloatVector.fromArray(S, y, yAt + k, m);
            backwardStep(yv, gv, FloatVector.broadcast(S, sHi), FloatVector.broadcast(S, sLo), log).intoArray(out, dst + k, m);
        }
    }

    private static void backwardColumns(float[] y, int yAt, float[] g, int gAt, int n, int inner, VectorMask<Float> m,
            float[] out, int dst, boolean log) {
        DoubleVector lo = DoubleVector.zero(D);
        DoubleVector hi = DoubleVector.zero(D);
        for (int k = 0; k < n; k++) {
            FloatVector gv = FloatVector.fromArray(S, g, gAt + k * inner, m);
            if (log) {
                lo = lo.add(VectorLoops.widenLow(gv));
                hi = hi.add(VectorLoops.widenHigh(gv));
            } else {
                FloatVector yv = FloatVector.fromArray(S, y, yAt + k * inner, m);
                lo = VectorLoops.widenLow(gv).fma(VectorLoops.widenLow(yv), lo);
                hi = VectorLoops.widenHigh(gv).fma(VectorLoops.widenHigh(yv), hi);
            }
        }
        double[] sums = new double[L];
        lo.intoArray(sums, 0);
        hi.intoArray(sums, D.length());
        float[] a = new float[L];
        float[] b = new float[L];
        for (int j = 0; j < L; j++) {
            a[j] = (float) sums[j];
            b[j] = (float) (sums[j] - a[j]);
        }
        FloatVector sHi = FloatVector.fromArray(S, a, 0);
        FloatVector sLo = FloatVector.fromArray(S, b, 0);
        for (int k = 0; k < n; k++) {
            FloatVector gv = FloatVector.fromArray(S, g, gAt + k * inner, m);
            FloatVector yv = FloatVector.fromArray(S, y, yAt + k * inner, m);
            backwardStep(yv, gv, sHi, sLo, log).intoArray(out, dst + k * inner, m);
        }
    }

    /**
     * {@code y (g - s)} for softmax, {@code g - e^y s} for log-softmax, with {@code s = sHi + sLo}; the
     * latter needs only sHi, as the error of {@code e^y} (1 ulp) already exceeds what sLo would correct.
     */
    private static FloatVector backwardStep(FloatVector y, FloatVector g, FloatVector sHi, FloatVector sLo, boolean log) {
        if (log) {
            return VectorMath.exp(y).fma(sHi.neg(), g);
        }
        return g.sub(sHi).sub(sLo).mul(y);
    }

    /** As {@link ScalarSoftmaxKernels#crossEntropyForward}; the row losses are added in row order. */
    static double crossEntropyForward(float[] logits, int logitsOff, int rows, int classes, int[] labels,
            float smoothing, float[] logProbs, int logProbsOff) {
        double[] loss = new double[rows];
        VectorLoops.forTasks(rows, (long) rows * classes, r -> {
            int row = logProbsOff + r * classes;
            logSoftmaxRow(logits, logitsOff + r * classes, classes, logProbs, row);
            double l = 0;
            // Each term is skipped when its weight is 0, so that an unused -inf log-probability gives 0, not NaN.
            if (smoothing != 1f) {
                l -= (1.0 - smoothing) * logProbs[row + labels[r]];
            }
            if (smoothing != 0f) {
                l -= smoothing * VectorLoops.sum(logProbs, row, classes) / classes;
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
        float hit = 1f - smoothing;
        VectorLoops.forTasks(rows, (long) rows * classes, r -> {
            int in = logProbsOff + r * classes;
            int dst = outOff + r * classes;
            int label = labels[r];
            for (int c = 0; c < classes; c += L) {
                VectorMask<Float> m = S.indexInRange(c, classes);
                FloatVector target = FloatVector.broadcast(S, uniform)
                        .lanewise(VectorOperators.ADD, hit, S.indexInRange(c - label, 1));
                VectorMath.exp(FloatVector.fromArray(S, logProbs, in + c, m)).sub(target).mul(scale)
                        .intoArray(out, dst + c, m);
            }
        });
    }

    /** The largest element of a row (NaN if any is NaN): a lane-wise maximum, which any order gives alike. */
    private static float rowMax(float[] x, int in, int n) {
        FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int k = 0; k < n; k += L) {
            VectorMask<Float> m = S.indexInRange(k, n);
            max = max.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, in + k, m), m);
        }
        return max.reduceLanes(VectorOperators.MAX);
    }
}
