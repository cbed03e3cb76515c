package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The error function and the standard normal CDF Φ on float vectors, as fixed-degree approximations
 * (the series and continued fraction of {@link Erf} stop at a data-dependent point, which does not
 * vectorise). Two pieces, each fitted by least squares in high precision for this class:
 * <ul>
 *   <li>{@code |x| < 1}: {@code erf(x) = x P(x²)}, P of degree 6 (relative error 1.3e-9 before rounding);</li>
 *   <li>{@code |x| ≥ 1}: {@code erfc(a) = e^(-a²) t Q(t)} with {@code t = 1 / (1 + a/2)}, Q of degree 8
 *       (relative error 3.3e-9 before rounding), which keeps relative accuracy in the far tail.</li>
 * </ul>
 * {@code e^(-a²)} is evaluated with {@code a²} split exactly into two floats by an fma; rounding
 * {@code a²} alone would cost {@code 2a² · 6e-8} relative, 1e-5 at a = 9.
 *
 * <p>erf is within 1.35e-7 absolute of the true value for every float (measured 1.31e-7 near |x| = 0.99,
 * where the pieces meet; {@code VectorMathTest} sweeps them).
 */
final class VectorErf {
    // P0 + P1 z + ... + P6 z^6 (unrolled by hand below: a loop over vectors could keep them boxed).
    private static final float P0 = 1.1283791065216064f;
    private static final float P1 = -0.3761262595653534f;
    private static final float P2 = 0.1128358244895935f;
    private static final float P3 = -0.026853691786527634f;
    private static final float P4 = 0.005188099108636379f;
    private static final float P5 = -0.0008008189615793526f;
    private static final float P6 = 7.847259257687256e-05f;
    // Q0 + Q1 t + ... + Q8 t^8; Q0 is 1/(2√π), the limit a → ∞.
    private static final float Q0 = 0.28208619356155396f;
    private static final float Q1 = 0.282337486743927f;
    private static final float Q2 = 0.24390272796154022f;
    private static final float Q3 = 0.1961093544960022f;
    private static final float Q4 = 0.0018118766602128744f;
    private static final float Q5 = 0.20760634541511536f;
    private static final float Q6 = -0.3865300714969635f;
    private static final float Q7 = 0.20740480720996857f;
    private static final float Q8 = -0.03448056802153587f;
    private static final float SQRT_HALF = 0.70710678f;
    private static final float ONE_OVER_SQRT_TWO_PI = 0.39894228f;
    /** erfc(11) is far below the smallest float; clamping here keeps {@code a²} finite. */
    private static final float TAIL_MAX = 11f;

    private VectorErf() {
    }

    /** erf over an array, for tests: the vector path's error function on plain floats. */
    static void erf(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += VectorLoops.L) {
            VectorMask<Float> m = VectorLoops.S.indexInRange(i, n);
            erf(FloatVector.fromArray(VectorLoops.S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    static FloatVector erf(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector ac = a.min(TAIL_MAX);
        FloatVector tail = FloatVector.broadcast(x.species(), 1f).sub(expNegSquare(ac).mul(tailFactor(ac)));
        FloatVector small = x.mul(inner(x.mul(x)));
        return VectorMath.withSignOf(tail, x).blend(small, a.lt(1f));
    }

    /** {@code x Φ(x)}, the exact GELU, given {@code e = exp(-x²/2)} from {@link #expHalfSquare} in a first pass. */
    static FloatVector gelu(FloatVector x, FloatVector e) {
        return x.mul(cdf(x, e));
    }

    /** {@code Φ(x) + x φ(x)}, the derivative of the exact GELU, given {@code e = exp(-x²/2)}. */
    static FloatVector geluDerivative(FloatVector x, FloatVector e) {
        return x.mul(e.mul(ONE_OVER_SQRT_TWO_PI)).add(cdf(x, e));
    }

    /** Φ(x), given {@code e = exp(-x²/2)}: 1/2 + erf(x/√2)/2 near 0, the erfc tail (or 1 minus it) beyond. */
    private static FloatVector cdf(FloatVector x, FloatVector e) {
        FloatVector u = x.mul(SQRT_HALF);
        FloatVector small = u.mul(inner(u.mul(u))).fma(0.5f, 0.5f);
        FloatVector a = u.abs().min(TAIL_MAX);
        FloatVector q = e.mul(tailFactor(a)).mul(0.5f);
        FloatVector tail = FloatVector.broadcast(x.species(), 1f).sub(q).blend(q, x.lt(0f));
        return tail.blend(small, u.abs().lt(1f));
    }

    /** P(z), so that erf(x) = x P(x²) for |x| < 1. */
    private static FloatVector inner(FloatVector z) {
        FloatVector p = z.fma(P6, P5);
        p = VectorMath.horner(p, z, P4);
        p = VectorMath.horner(p, z, P3);
        p = VectorMath.horner(p, z, P2);
        p = VectorMath.horner(p, z, P1);
        return VectorMath.horner(p, z, P0);
    }

    /** {@code t Q(t)} with {@code t = 1 / (1 + a/2)}, so that erfc(a) = e^(-a²) t Q(t) for a ≥ 1. */
    private static FloatVector tailFactor(FloatVector a) {
        FloatVector t = FloatVector.broadcast(a.species(), 1f).div(a.fma(0.5f, 1f));
        FloatVector q = t.fma(Q8, Q7);
        q = VectorMath.horner(q, t, Q6);
        q = VectorMath.horner(q, t, Q5);
        q = VectorMath.horner(q, t, Q4);
        q = VectorMath.horner(q, t, Q3);
        q = VectorMath.horner(q, t, Q2);
        q = VectorMath.horner(q, t, Q1);
        q = VectorMath.horner(q, t, Q0);
        return t.mul(q);
    }

    /** {@code e^(-a²)}, with a² = hi + lo split exactly, as {@code e^(-hi) (1 - lo)}. */
    private static FloatVector expNegSquare(FloatVector a) {
        FloatVector hi = a.mul(a);
        FloatVector lo = a.fma(a, hi.neg());
        FloatVector e = VectorMath.exp(hi.neg());
        return e.fma(lo.neg(), e);
    }

    /** {@code e^(-x²/2)}, from the exact split of x² (halving is exact). */
    static FloatVector expHalfSquare(FloatVector x) {
        FloatVector xc = x.abs().min(TAIL_MAX * 1.5f);
        FloatVector hi = xc.mul(xc);
        FloatVector lo = xc.fma(xc, hi.neg());
        FloatVector e = VectorMath.exp(hi.mul(-0.5f));
        return e.fma(lo.mul(-0.5f), e);
    }
}
