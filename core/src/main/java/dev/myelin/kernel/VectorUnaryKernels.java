package dev.myelin.kernel;

import static dev.myelin.kernel.VectorLoops.L;
import static dev.myelin.kernel.VectorLoops.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link UnaryKernels} on the Vector API: full vectors, then one masked vector for the tail, in
 * {@link VectorLoops#CHUNK}-sized pieces on all threads for long runs. Each element is computed the
 * same way wherever it falls, so results do not depend on the thread count.
 *
 * <p>The ops without transcendentals are bit-identical to {@link ScalarUnaryKernels}; exp, log, tanh,
 * sigmoid and GELU are within a few ulp (see {@link VectorMath} and {@link VectorErf}). pow runs on
 * vectors for the exponents 1 and 2, where it is exact, and through the scalar twin otherwise.
 */
final class VectorUnaryKernels {
    private VectorUnaryKernels() {
    }


    static void neg(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                v.neg().intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                v.neg().intoArray(out, outOff + i, m);
            }
        });
    }

    /** Within 2 ulp of {@link Math#exp} (see {@link VectorMath}). */
    static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                VectorMath.exp(v).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                VectorMath.exp(v).intoArray(out, outOff + i, m);
            }
        });
    }

    /** Within 2 ulp of {@link Math#log}. */
    static void log(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                VectorMath.log(v).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                VectorMath.log(v).intoArray(out, outOff + i, m);
            }
        });
    }

    /** Correctly rounded, so bit-identical to the scalar twin. */
    static void sqrt(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                v.sqrt().intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                v.sqrt().intoArray(out, outOff + i, m);
            }
        });
    }

    /** {@code max(x, 0)}; NaN stays NaN. */
    static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                v.max(0f).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                v.max(0f).intoArray(out, outOff + i, m);
            }
        });
    }

    static void leakyRelu(float[] x, int xOff, float slope, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i, m);
            }
        });
    }

    /** Within 3 ulp of the scalar twin (0 or subnormal below the float range). */
    static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                VectorMath.sigmoid(v).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                VectorMath.sigmoid(v).intoArray(out, outOff + i, m);
            }
        });
    }

    /** Within 3 ulp of {@link Math#tanh}. */
    static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                VectorMath.tanh(v).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                VectorMath.tanh(v).intoArray(out, outOff + i, m);
            }
        });
    }

    /** Exact GELU {@code x Φ(x)} with Φ from {@link VectorErf}. */
    static void gelu(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                VectorErf.gelu(v).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                VectorErf.gelu(v).intoArray(out, outOff + i, m);
            }
        });
    }

    /** {@code g / (2 y)}, bit-identical to the scalar twin. */
    static void sqrtBackward(float[] y, int yOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector a = FloatVector.fromArray(S, y, yOff + i);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
                g.div(a.add(a)).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector a = FloatVector.fromArray(S, y, yOff + i, m);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i, m);
                g.div(a.add(a)).intoArray(out, outOff + i, m);
            }
        });
    }

    static void reluBackward(float[] x, int xOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector a = FloatVector.fromArray(S, x, xOff + i);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
                FloatVector.zero(S).blend(g, a.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector a = FloatVector.fromArray(S, x, xOff + i, m);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i, m);
                FloatVector.zero(S).blend(g, a.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i, m);
            }
        });
    }

    static void leakyReluBackward(float[] x, int xOff, float slope, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector a = FloatVector.fromArray(S, x, xOff + i);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
                g.mul(slope).blend(g, a.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector a = FloatVector.fromArray(S, x, xOff + i, m);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i, m);
                g.mul(slope).blend(g, a.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i, m);
            }
        });
    }

    /** {@code g y (1 - y)}, in the scalar twin's order, so bit-identical. */
    static void sigmoidBackward(float[] y, int yOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector a = FloatVector.fromArray(S, y, yOff + i);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
                g.mul(a).mul(FloatVector.broadcast(S, 1f).sub(a)).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector a = FloatVector.fromArray(S, y, yOff + i, m);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i, m);
                g.mul(a).mul(FloatVector.broadcast(S, 1f).sub(a)).intoArray(out, outOff + i, m);
            }
        });
    }

    /** {@code g (1 - y²)}, bit-identical to the scalar twin. */
    static void tanhBackward(float[] y, int yOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector a = FloatVector.fromArray(S, y, yOff + i);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
                g.mul(FloatVector.broadcast(S, 1f).sub(a.mul(a))).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector a = FloatVector.fromArray(S, y, yOff + i, m);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i, m);
                g.mul(FloatVector.broadcast(S, 1f).sub(a.mul(a))).intoArray(out, outOff + i, m);
            }
        });
    }

    static void geluBackward(float[] x, int xOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.forChunks(n, (from, to) -> {
            int i = from;
            for (int end = from + S.loopBound(to - from); i < end; i += L) {
                FloatVector a = FloatVector.fromArray(S, x, xOff + i);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
                g.mul(VectorErf.geluDerivative(a)).intoArray(out, outOff + i);
            }
            if (i < to) {
                VectorMask<Float> m = S.indexInRange(i, to);
                FloatVector a = FloatVector.fromArray(S, x, xOff + i, m);
                FloatVector g = FloatVector.fromArray(S, gd, gOff + i, m);
                g.mul(VectorErf.geluDerivative(a)).intoArray(out, outOff + i, m);
            }
        });
    }

    /** {@code x^p}: {@code x·x} for p = 2 and a copy for p = 1, exact as in the scalar twin; other exponents run the scalar twin. */
    static void pow(float[] x, int xOff, float p, float[] out, int outOff, int n) {
        if (p == 1f) {
            System.arraycopy(x, xOff, out, outOff, n);
        } else if (p == 2f) {
            VectorLoops.forChunks(n, (from, to) -> {
                int i = from;
                for (int end = from + S.loopBound(to - from); i < end; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                    v.mul(v).intoArray(out, outOff + i);
                }
                if (i < to) {
                    VectorMask<Float> m = S.indexInRange(i, to);
                    FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                    v.mul(v).intoArray(out, outOff + i, m);
                }
            });
        } else {
            VectorLoops.forChunks(n, (from, to) -> ScalarUnaryKernels.pow(x, xOff + from, p, out, outOff + from, to - from));
        }
    }

    /** {@code g p x^(p-1)}: 0 for p = 0, g for p = 1, {@code g (2x)} for p = 2 (exact unless 2x overflows); else the scalar twin. */
    static void powBackward(float[] x, int xOff, float p, float[] gd, int gOff, float[] out, int outOff, int n) {
        if (p == 0f) {
            Arrays.fill(out, outOff, outOff + n, 0f);
        } else if (p == 1f) {
            System.arraycopy(gd, gOff, out, outOff, n);
        } else if (p == 2f) {
            VectorLoops.forChunks(n, (from, to) -> {
                int i = from;
                for (int end = from + S.loopBound(to - from); i < end; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                    FloatVector.fromArray(S, gd, gOff + i).mul(v.add(v)).intoArray(out, outOff + i);
                }
                if (i < to) {
                    VectorMask<Float> m = S.indexInRange(i, to);
                    FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                    FloatVector.fromArray(S, gd, gOff + i, m).mul(v.add(v)).intoArray(out, outOff + i, m);
                }
            });
        } else {
            VectorLoops.forChunks(n, (from, to) ->
                    ScalarUnaryKernels.powBackward(x, xOff + from, p, gd, gOff + from, out, outOff + from, to - from));
        }
    }
}
