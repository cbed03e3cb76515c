package dev.myelin.kernel;

/**
 * Element-wise maps {@code out[i] = f(x[i])} over a run of {@code n} contiguous elements, and the
 * loops of their derivatives, {@code out[i] = g[i] * f'(...)}. Each runs on {@link VectorUnaryKernels}
 * when the Vector API is available ({@link VectorSupport}) and the run fills a vector, else on
 * {@link ScalarUnaryKernels}, which tests hold the vector path to.
 *
 * <p>Each derivative loop takes whichever of the input {@code x} or the output {@code y} gives the
 * derivative most cheaply; its parameter name says which.
 */
public final class UnaryKernels {
    private UnaryKernels() {
    }

    /**
     * Whether a run of n elements goes to the vector path: only when the Vector API is there and the
     * run fills at least one vector; a shorter run would be one padded vector, a copy in and out for
     * a handful of elements. (Such runs thus keep the scalar twin's double-precision results.)
     */
    private static boolean vector(int n) {
        return VectorSupport.AVAILABLE && n >= VectorLoops.L;
    }

    public static void neg(float[] x, int xOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.neg(x, xOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.neg(x, xOff, out, outOff, n);
        }
    }

    public static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.exp(x, xOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.exp(x, xOff, out, outOff, n);
        }
    }

    public static void log(float[] x, int xOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.log(x, xOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.log(x, xOff, out, outOff, n);
        }
    }

    public static void sqrt(float[] x, int xOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.sqrt(x, xOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.sqrt(x, xOff, out, outOff, n);
        }
    }

    /** {@code x^p}, with {@link Math#pow}'s conventions (a negative base with a fractional exponent gives NaN). */
    public static void pow(float[] x, int xOff, float p, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.pow(x, xOff, p, out, outOff, n);
        } else {
            ScalarUnaryKernels.pow(x, xOff, p, out, outOff, n);
        }
    }

    /** {@code g * p * x^(p-1)}; zero everywhere when {@code p == 0}, as in PyTorch, so that 0^-1 never appears. */
    public static void powBackward(float[] x, int xOff, float p, float[] g, int gOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.powBackward(x, xOff, p, g, gOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.powBackward(x, xOff, p, g, gOff, out, outOff, n);
        }
    }

    /** {@code g / (2 sqrt(x))}, from the output {@code y = sqrt(x)}. */
    public static void sqrtBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.sqrtBackward(y, yOff, g, gOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.sqrtBackward(y, yOff, g, gOff, out, outOff, n);
        }
    }

    /** {@code max(x, 0)}; NaN stays NaN. */
    public static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.relu(x, xOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.relu(x, xOff, out, outOff, n);
        }
    }

    /** {@code g} where {@code x > 0}, else 0 (the subgradient at 0 is 0, as in PyTorch). */
    public static void reluBackward(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.reluBackward(x, xOff, g, gOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.reluBackward(x, xOff, g, gOff, out, outOff, n);
        }
    }

    public static void leakyRelu(float[] x, int xOff, float slope, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.leakyRelu(x, xOff, slope, out, outOff, n);
        } else {
            ScalarUnaryKernels.leakyRelu(x, xOff, slope, out, outOff, n);
        }
    }

    public static void leakyReluBackward(float[] x, int xOff, float slope, float[] g, int gOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.leakyReluBackward(x, xOff, slope, g, gOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.leakyReluBackward(x, xOff, slope, g, gOff, out, outOff, n);
        }
    }

    /** {@code 1 / (1 + e^-x)}, written so that e^|x| is never formed (no overflow for large |x|). */
    public static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.sigmoid(x, xOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.sigmoid(x, xOff, out, outOff, n);
        }
    }

    /** {@code g * y * (1 - y)} from the output {@code y}. */
    public static void sigmoidBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.sigmoidBackward(y, yOff, g, gOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.sigmoidBackward(y, yOff, g, gOff, out, outOff, n);
        }
    }

    public static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.tanh(x, xOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.tanh(x, xOff, out, outOff, n);
        }
    }

    /** {@code g * (1 - y²)} from the output {@code y}. */
    public static void tanhBackward(float[] y, int yOff, float[] g, int gOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.tanhBackward(y, yOff, g, gOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.tanhBackward(y, yOff, g, gOff, out, outOff, n);
        }
    }

    /** Exact GELU, {@code x Φ(x)} with the standard normal CDF {@code Φ(x) = erfc(-x/√2) / 2}. */
    public static void gelu(float[] x, int xOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.gelu(x, xOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.gelu(x, xOff, out, outOff, n);
        }
    }

    /** {@code g * (Φ(x) + x φ(x))}, with φ the standard normal density. */
    public static void geluBackward(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
        if (vector(n)) {
            VectorUnaryKernels.geluBackward(x, xOff, g, gOff, out, outOff, n);
        } else {
            ScalarUnaryKernels.geluBackward(x, xOff, g, gOff, out, outOff, n);
        }
    }
}
