package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;
import java.util.function.IntConsumer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the Vector API kernels share: the species, the split of long element-wise runs into fixed
 * chunks for {@link Parallel}, and sums of float runs accumulated in double.
 *
 * <p>Lanes are always combined in a fixed order, never with {@code reduceLanes(ADD)}: that reduction
 * may add in a different order once C2 compiles it, so results would depend on how warm the JIT is.
 */
final class VectorLoops {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Doubles in the same register width, so a float vector widens into two of them. */
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    /** Elements per parallel task of an element-wise loop: 64 KiB of floats, a multiple of any vector length. */
    static final int CHUNK = 1 << 14;
    /** Below this many elements an element-wise loop runs inline: forking would cost more than it saves. */
    static final int PARALLEL_MIN = 1 << 16;

    private VectorLoops() {
    }

    /** A loop body over the elements {@code [from, to)}. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /** A loop {@code out[i] = f(x[i])} over whole vectors only: {@code n} is a multiple of {@link #L}. */
    @FunctionalInterface
    interface Map {
        void run(float[] x, int xOff, float[] out, int outOff, int n);
    }

    /** A loop {@code out[i] = f(a[i], b[i])} over whole vectors only: {@code n} is a multiple of {@link #L}. */
    @FunctionalInterface
    interface Zip {
        void run(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);
    }

    /**
     * Runs whole-vector loops over any {@code n}: the whole vectors in place, and the ragged tail
     * copied into a zero-padded vector and back. With several passes, each chunk runs them in turn:
     * the first writes {@code out} from {@code x}, the others read both and rewrite {@code out}.
     *
     * <p>Why not a masked tail, and why passes: the Vector API needs C2 to inline the whole loop body
     * to keep vectors in registers. A second copy of the body (for a masked tail), or a body with more
     * than about 40 vector operations, pushes C2 past its node budget for inlining, and every vector
     * is then boxed (measured 5x slower for tanh). Small loop bodies, one copy each, avoid that.
     */
    static void map(float[] x, int xOff, float[] out, int outOff, int n, Map... passes) {
        forChunks(n, (from, to) -> {
            int full = S.loopBound(to - from);
            for (Map pass : passes) {
                pass.run(x, xOff + from, out, outOff + from, full);
            }
            int rest = to - from - full;
            if (rest > 0) {
                float[] pad = new float[2 * L];
                System.arraycopy(x, xOff + from + full, pad, 0, rest);
                for (Map pass : passes) {
                    pass.run(pad, 0, pad, L, L);
                }
                System.arraycopy(pad, L, out, outOff + from + full, rest);
            }
        });
    }

    /** As {@link #map}, for a loop over two inputs. */
    static void zip(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n, Zip loop) {
        forChunks(n, (from, to) -> {
            int full = S.loopBound(to - from);
            loop.run(a, aOff + from, b, bOff + from, out, outOff + from, full);
            int rest = to - from - full;
            if (rest > 0) {
                float[] pad = new float[3 * L];
                System.arraycopy(a, aOff + from + full, pad, 0, rest);
                System.arraycopy(b, bOff + from + full, pad, L, rest);
                loop.run(pad, 0, pad, L, pad, 2 * L, L);
                System.arraycopy(pad, 2 * L, out, outOff + from + full, rest);
            }
        });
    }

    /**
     * {@code dst[dstOff + i] += src[srcOff + i]} for {@code i < n}, on the calling thread. C2 leaves
     * this loop scalar when it cannot prove the two ranges apart (they may be one array), so col2im's
     * long runs spelled it out in vectors (measured 26 -> 8 us per image of the reference CNN's second
     * layer). Each element is one add, as in the scalar loop, so the sums are the same bits.
     */
    static void addInto(float[] src, int srcOff, float[] dst, int dstOff, int n) {
        int i = 0;
        for (int full = S.loopBound(n); i < full; i += L) {
            FloatVector.fromArray(S, dst, dstOff + i).add(FloatVector.fromArray(S, src, srcOff + i)).intoArray(dst, dstOff + i);
        }
        for (; i < n; i++) {
            dst[dstOff + i] += src[srcOff + i];
        }
    }

    /** Runs {@code body} over {@code [0, n)}, in {@link #CHUNK}-sized pieces on all threads when n is large. */
    static void forChunks(int n, Range body) {
        if (n < PARALLEL_MIN || Parallel.threads() == 1) {
            body.run(0, n);
            return;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        Parallel.forRange(chunks, c -> body.run(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    }

    /**
     * {@code body(t)} for every task {@code t < tasks}, spread over the threads when {@code work} (the
     * elements the tasks touch together) is large enough to pay for it. Tasks must write disjoint outputs.
     */
    static void forTasks(int tasks, long work, IntConsumer body) {
        if (work < PARALLEL_MIN || tasks < 2 || Parallel.threads() == 1) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
        } else {
            Parallel.forRange(tasks, body);
        }
    }

    /** The first half of {@code v}'s lanes, widened to double. */
    static DoubleVector widenLow(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
    }

    /** The second half of {@code v}'s lanes, widened to double. */
    static DoubleVector widenHigh(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
    }

    /** {@code Σ x[off + i]} for {@code i < n}, in double, in an order fixed by n and the vector length. */
    static double sum(float[] x, int off, int n) {
        DoubleVector lo = DoubleVector.zero(D);
        DoubleVector hi = DoubleVector.zero(D);
        int i = 0;
        for (int upper = S.loopBound(n); i < upper; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            lo = lo.add(widenLow(v));
            hi = hi.add(widenHigh(v));
        }
        if (i < n) {
            FloatVector v = FloatVector.fromArray(S, x, off + i, S.indexInRange(i, n));
            lo = lo.add(widenLow(v));
            hi = hi.add(widenHigh(v));
        }
        return lanes(lo.add(hi));
    }

    /** The lanes of {@code v} added from first to last. */
    static double lanes(DoubleVector v) {
        double s = 0;
        for (int j = 0; j < v.length(); j++) {
            s += v.lane(j);
        }
        return s;
    }
}
