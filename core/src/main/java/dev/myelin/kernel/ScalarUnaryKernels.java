package dev.myelin.kernel;

import java.util.Arrays;

/**
 * The scalar twins of {@link UnaryKernels}: plain loops in which transcendental functions are
 * evaluated in double and rounded once to float. They run when the Vector API is absent, and tests
 * and benchmarks hold {@link VectorUnaryKernels} to them.
 */
public final class ScalarUnaryKernels {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double ONE_OVER_SQRT_TWO_PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private ScalarUnaryKernels() {
    }

    public static void neg(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = -x[xOff + i];
        }
    }

    public static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.exp(x[xOff + i]);
        }
    }

    public static void log(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.log(x[xOff + i]);
        }
    }

    public static void sqrt(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.sqrt(x[xOff + i]);
        }
    }

    /** {@code x^p}, with {@link Math#pow}'s conventions (a negative base with a fractional exponent gives NaN). */
    public static void pow(float[] x, int xOff, float p, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.pow(x[xOff + i], p);
        }
    }

    /** {@code g * p * x^(p-1)}; zero everywhere when {@code p == 0}, as in PyTorch, so that 0^-1 never appears. */
    public static void powBackward(float[] x, int xOff, float p, float[] g, int gOff, float[] out, int outOff, int n) {
        if (p == 0f) {
            Arrays.fill(out, outOff, outOff + n, 0f);
            return;
        }
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) (g[gOff + i] * (p * Math.pow(x[xOff + i], p - 1.0)));
        }
    }

    /** {@code g / (2 sqrt(x))}, from the output {@code y = sqrt(x)}. */
    public static void sqrtBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = g[gOff + i] / (2f * y[yOff + i]);
        }
    }

    /** {@code max(x, 0)}; NaN stays NaN. */
    public static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    /** {@code g} where {@code x > 0}, else 0 (the subgradient at 0 is 0, as in PyTorch). */
    public static void reluBackward(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] > 0f ? g[gOff + i] : 0f;
        }
    }

    public static void leakyRelu(float[] x, int xOff, float slope, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            out[outOff + i] = v > 0f ? v : v * slope;
        }
    }

    public static void leakyReluBackward(float[] x, int xOff, float slope, float[] g, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] > 0f ? g[gOff + i] : g[gOff + i] * slope;
        }
    }

    /** {@code 1 / (1 + e^-x)}, written so that e^|x| is never formed (no overflow for large |x|). */
    public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            double y;
            if (v >= 0) {
                y = 1.0 / (1.0 + Math.exp(-v));
            } else {
                double e = Math.exp(v);
                y = e / (1.0 + e);
            }
            out[outOff + i] = (float) y;
        }
    }

    /** {@code g * y * (1 - y)} from the output {@code y}. */
    public static void sigmoidBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float s = y[yOff + i];
            out[outOff + i] = g[gOff + i] * s * (1f - s);
        }
    }

    public static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    /** {@code g * (1 - y²)} from the output {@code y}. */
    public static void tanhBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float t = y[yOff + i];
            out[outOff + i] = g[gOff + i] * (1f - t * t);
        }
    }

    /** Exact GELU, {@code x Φ(x)} with the standard normal CDF {@code Φ(x) = erfc(-x/√2) / 2}. */
    public static void gelu(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            out[outOff + i] = (float) (v * normalCdf(v));
        }
    }

    /** {@code g * (Φ(x) + x φ(x))}, with φ the standard normal density. */
    public static void geluBackward(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            double density = ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * v * v);
            out[outOff + i] = (float) (g[gOff + i] * (normalCdf(v) + v * density));
        }
    }

    /** Φ(x) via erfc, which keeps relative accuracy in the left tail where {@code 1 + erf} would cancel. */
    private static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x * SQRT_HALF);
    }
}
