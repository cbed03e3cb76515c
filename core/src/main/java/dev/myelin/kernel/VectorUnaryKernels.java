package dev.myelin.kernel;

import static dev.myelin.kernel.VectorLoops.L;
import static dev.myelin.kernel.VectorLoops.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link UnaryKernels} on the Vector API. Each kernel is a loop over whole vectors that
 * {@link VectorLoops#map} runs over any length (tail included) in chunks on all threads. Each element
 * is computed the same way wherever it falls, so results do not depend on the thread count.
 *
 * <p>The ops without transcendentals are bit-identical to {@link ScalarUnaryKernels}; exp, log, tanh,
 * sigmoid and GELU are within a few ulp (see {@link VectorMath} and {@link VectorErf}). pow runs on
 * vectors for the exponents 1 and 2, where it is exact, and through the scalar twin otherwise.
 */
final class VectorUnaryKernels {
    private VectorUnaryKernels() {
    }

    static void neg(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.map(x, xOff, out, outOff, n, VectorUnaryKernels::negLoop);
    }

    private static void negLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.neg().intoArray(out, outOff + i);
        }
    }

    /** Within 1 ulp of the scalar twin (see {@link VectorMath}). */
    static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.map(x, xOff, out, outOff, n, VectorUnaryKernels::expLoop);
    }

    private static void expLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            VectorMath.exp(v).intoArray(out, outOff + i);
        }
    }

    /** Within 1 ulp of the scalar twin. */
    static void log(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.map(x, xOff, out, outOff, n, VectorUnaryKernels::logLoop);
    }

    private static void logLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            VectorMath.log(v).intoArray(out, outOff + i);
        }
    }

    /** Correctly rounded, so bit-identical to the scalar twin. */
    static void sqrt(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.map(x, xOff, out, outOff, n, VectorUnaryKernels::sqrtLoop);
    }

    private static void sqrtLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.sqrt().intoArray(out, outOff + i);
        }
    }

    /** {@code max(x, 0)}; NaN stays NaN. */
    static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.map(x, xOff, out, outOff, n, VectorUnaryKernels::reluLoop);
    }

    private static void reluLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.max(0f).intoArray(out, outOff + i);
        }
    }

    static void leakyRelu(float[] x, int xOff, float slope, float[] out, int outOff, int n) {
        VectorLoops.map(x, xOff, out, outOff, n, (a, ao, o, oo, m) -> leakyReluLoop(a, ao, slope, o, oo, m));
    }

    private static void leakyReluLoop(float[] x, int xOff, float slope, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
        }
    }

    /** Within 2 ulp of the scalar twin. */
    static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.map(x, xOff, out, outOff, n, VectorUnaryKernels::sigmoidLoop);
    }

    private static void sigmoidLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            VectorMath.sigmoid(v).intoArray(out, outOff + i);
        }
    }

    /** Within 1 ulp of the scalar twin: {@code exp(2|x|)} in a first pass, the rest in a second (see {@link VectorLoops#map}). */
    static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.map(x, xOff, out, outOff, n, VectorUnaryKernels::expTwiceAbsLoop, VectorUnaryKernels::tanhLoop);
    }

    private static void expTwiceAbsLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, xOff + i).abs();
            VectorMath.exp(a.add(a)).intoArray(out, outOff + i);
        }
    }

    private static void tanhLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector e = FloatVector.fromArray(S, out, outOff + i);
            VectorMath.tanh(FloatVector.fromArray(S, x, xOff + i), e).intoArray(out, outOff + i);
        }
    }

    /** Exact GELU {@code x Φ(x)}, Φ from {@link VectorErf}: within 2 ulp + 2e-7 of the scalar twin; two passes like tanh. */
    static void gelu(float[] x, int xOff, float[] out, int outOff, int n) {
        VectorLoops.map(x, xOff, out, outOff, n, VectorUnaryKernels::expHalfSquareLoop, VectorUnaryKernels::geluLoop);
    }

    private static void expHalfSquareLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            VectorErf.expHalfSquare(FloatVector.fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void geluLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector e = FloatVector.fromArray(S, out, outOff + i);
            VectorErf.gelu(FloatVector.fromArray(S, x, xOff + i), e).intoArray(out, outOff + i);
        }
    }

    private static void geluDerivativeLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector e = FloatVector.fromArray(S, out, outOff + i);
            VectorErf.geluDerivative(FloatVector.fromArray(S, x, xOff + i), e).intoArray(out, outOff + i);
        }
    }

    /** {@code g / (2 y)}, bit-identical to the scalar twin. */
    static void sqrtBackward(float[] y, int yOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.zip(y, yOff, gd, gOff, out, outOff, n, VectorUnaryKernels::sqrtBackwardLoop);
    }

    private static void sqrtBackwardLoop(float[] y, int yOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector a = FloatVector.fromArray(S, y, yOff + i);
            FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
            g.div(a.add(a)).intoArray(out, outOff + i);
        }
    }

    static void reluBackward(float[] x, int xOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.zip(x, xOff, gd, gOff, out, outOff, n, VectorUnaryKernels::reluBackwardLoop);
    }

    private static void reluBackwardLoop(float[] x, int xOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, xOff + i);
            FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
            FloatVector.zero(S).blend(g, a.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
        }
    }

    static void leakyReluBackward(float[] x, int xOff, float slope, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.zip(x, xOff, gd, gOff, out, outOff, n, (a, ao, g, go, o, oo, m) -> leakyReluBackwardLoop(a, ao, slope, g, go, o, oo, m));
    }

    private static void leakyReluBackwardLoop(float[] x, int xOff, float slope, float[] gd, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, xOff + i);
            FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
            g.mul(slope).blend(g, a.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
        }
    }

    /** {@code g y (1 - y)}, in the scalar twin's order, so bit-identical. */
    static void sigmoidBackward(float[] y, int yOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.zip(y, yOff, gd, gOff, out, outOff, n, VectorUnaryKernels::sigmoidBackwardLoop);
    }

    private static void sigmoidBackwardLoop(float[] y, int yOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector a = FloatVector.fromArray(S, y, yOff + i);
            FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
            g.mul(a).mul(FloatVector.broadcast(S, 1f).sub(a)).intoArray(out, outOff + i);
        }
    }

    /** {@code g (1 - y²)}, bit-identical to the scalar twin. */
    static void tanhBackward(float[] y, int yOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.zip(y, yOff, gd, gOff, out, outOff, n, VectorUnaryKernels::tanhBackwardLoop);
    }

    private static void tanhBackwardLoop(float[] y, int yOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector a = FloatVector.fromArray(S, y, yOff + i);
            FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
            g.mul(FloatVector.broadcast(S, 1f).sub(a.mul(a))).intoArray(out, outOff + i);
        }
    }

    /** Within 2 ulp + 2e-7 |g| of the scalar twin: the derivative in two passes, then the product with g. */
    static void geluBackward(float[] x, int xOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        VectorLoops.map(x, xOff, out, outOff, n, VectorUnaryKernels::expHalfSquareLoop, VectorUnaryKernels::geluDerivativeLoop);
        VectorLoops.zip(out, outOff, gd, gOff, out, outOff, n, VectorUnaryKernels::productLoop);
    }

    private static void productLoop(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector.fromArray(S, b, bOff + i).mul(FloatVector.fromArray(S, a, aOff + i)).intoArray(out, outOff + i);
        }
    }

    private static void powSquareBackwardLoop(float[] x, int xOff, float[] gd, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, xOff + i);
            FloatVector g = FloatVector.fromArray(S, gd, gOff + i);
            g.mul(a.add(a)).intoArray(out, outOff + i);
        }
    }

    /** {@code x^p}: {@code x·x} for p = 2 and a copy for p = 1, exact as in the scalar twin; other exponents run the scalar twin. */
    static void pow(float[] x, int xOff, float p, float[] out, int outOff, int n) {
        if (p == 1f) {
            System.arraycopy(x, xOff, out, outOff, n);
        } else if (p == 2f) {
            VectorLoops.map(x, xOff, out, outOff, n, VectorUnaryKernels::squareLoop);
        } else {
            VectorLoops.forChunks(n, (from, to) -> ScalarUnaryKernels.pow(x, xOff + from, p, out, outOff + from, to - from));
        }
    }

    private static void squareLoop(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.mul(v).intoArray(out, outOff + i);
        }
    }

    /** {@code g p x^(p-1)}: 0 for p = 0, g for p = 1, {@code g (2x)} for p = 2 (exact unless 2x overflows); else the scalar twin. */
    static void powBackward(float[] x, int xOff, float p, float[] gd, int gOff, float[] out, int outOff, int n) {
        if (p == 0f) {
            Arrays.fill(out, outOff, outOff + n, 0f);
        } else if (p == 1f) {
            System.arraycopy(gd, gOff, out, outOff, n);
        } else if (p == 2f) {
            VectorLoops.zip(x, xOff, gd, gOff, out, outOff, n, VectorUnaryKernels::powSquareBackwardLoop);
        } else {
            VectorLoops.forChunks(n, (from, to) ->
                    ScalarUnaryKernels.powBackward(x, xOff + from, p, gd, gOff + from, out, outOff + from, to - from));
        }
    }
}
