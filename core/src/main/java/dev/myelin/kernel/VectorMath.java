package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, log, tanh and the logistic function on float vectors, built only from IEEE-exact operations
 * (add, multiply, divide, fma, bit shifts), so that every call gives the same bits.
 *
 * <p>Why not {@code VectorOperators.EXP} and friends: once C2 compiles them they call the SVML
 * library (within 1 ulp), while interpreted code falls back to {@link Math#exp} per lane, and the two
 * differ in about 1% of results. A kernel's output would then depend on how warm the JIT is.
 *
 * <p>Accuracy against the double-precision scalar twins, measured over dense sweeps
 * ({@code VectorMathTest}): exp, log and tanh within 1 ulp, the logistic function within 2 ulp.
 */
final class VectorMath {
    private static final VectorSpecies<Float> S = VectorLoops.S;
    private static final float LOG2E = 1.44269504f;
    /** ln 2 split so that {@code k · LN2_HI} is exact for every exponent k that occurs. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Adding 1.5 · 2^23 rounds a float below 2^22 in magnitude to an integer, which lands in the low bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = 0x4B400000;
    /** Beyond these, e^x is 0 or infinite in float; clamping keeps the exponent arithmetic in range. */
    private static final float EXP_MIN = -104f;
    private static final float EXP_MAX = 89f;
    private static final float TWO_POW_23 = 8388608f;
    /** log: the mantissa is brought into [√½, √2) by offsetting the bits by those of √½. */
    private static final int SQRT_HALF_BITS = 0x3F3504F3;
    /** tanh: below this |x| the odd polynomial is used, above it {@code 1 - 2/(e^2|x| + 1)}. */
    private static final float TANH_SMALL = 0.625f;
    /** tanh(x) = x + x³ (T0 + T1 x² + ... + T4 x^8) on |x| < 0.625, a least-squares fit (7e-8 relative in float). */
    private static final float T0 = -0.3333328068256378f;
    private static final float T1 = 0.13331381976604462f;
    private static final float T2 = -0.05373531952500343f;
    private static final float T3 = 0.020626291632652283f;
    private static final float T4 = -0.005691985599696636f;

    private VectorMath() {
    }

    /** {@code e^x}: ±inf and NaN behave as in {@link Math#exp}; results below the float range are 0 or subnormal. */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_MIN).min(EXP_MAX);
        // x = k ln2 + r with k the nearest integer to x / ln2 and |r| ≤ ln2 / 2.
        FloatVector t = c.fma(LOG2E, ROUNDER);
        FloatVector k = t.sub(ROUNDER);
        IntVector n = t.reinterpretAsInts().sub(ROUNDER_BITS);
        FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), c);
        r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
        // e^r by its Taylor series to degree 7: the remainder is below 6e-9 relative on |r| ≤ ln2 / 2.
        FloatVector q = r.fma(1f / 5040, 1f / 720);
        q = horner(q, r, 1f / 120);
        q = horner(q, r, 1f / 24);
        q = horner(q, r, 1f / 6);
        q = horner(q, r, 0.5f);
        FloatVector er = q.fma(r.mul(r), r).add(1f);
        // Scale by 2^n in two steps, 2^(n/2) and 2^(n - n/2), so that each factor is a normal float and a
        // subnormal result is rounded once, at the end.
        IntVector n1 = n.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = n.sub(n1);
        return er.mul(powerOfTwo(n1)).mul(powerOfTwo(n2));
    }

    /**
     * {@code e^(x - m)} for float vectors x and m, with the rounding error of {@code x - m} (found by
     * Knuth's two-sum) folded back in: rounding the difference alone would cost {@code |x - m| · 6e-8}
     * relative, 1.2e-6 at a difference of 20.
     */
    static FloatVector expDifference(FloatVector x, FloatVector m) {
        FloatVector nm = m.neg();
        FloatVector d = x.add(nm);
        FloatVector bv = d.sub(x);
        FloatVector err = x.sub(d.sub(bv)).add(nm.sub(bv));
        err = FloatVector.zero(S).blend(err, err.eq(err)); // NaN from an infinite operand: no correction
        FloatVector e = exp(d);
        return e.fma(err, e);
    }

    /** The natural logarithm: NaN below 0, -inf at ±0, +inf at +inf, as in {@link Math#log}. */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.lt(Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(TWO_POW_23), subnormal);
        // x = 2^e · m with m in [√½, √2).
        IntVector ix = xs.reinterpretAsInts().sub(SQRT_HALF_BITS);
        FloatVector e = (FloatVector) ix.lanewise(VectorOperators.ASHR, 23).convert(VectorOperators.I2F, 0);
        e = e.lanewise(VectorOperators.SUB, 23f, subnormal);
        FloatVector m = ix.and(0x7FFFFF).add(SQRT_HALF_BITS).reinterpretAsFloats();
        // log(1 + f) = f - f²/2 + s (f²/2 + R), s = f / (2 + f), R = Σ 2 s^2j / (2j + 1), as in fdlibm.
        FloatVector f = m.sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector poly = z.fma(2f / 11, 2f / 9);
        poly = horner(poly, z, 2f / 7);
        poly = horner(poly, z, 2f / 5);
        poly = horner(poly, z, 2f / 3);
        FloatVector rr = poly.mul(z);
        FloatVector hfsq = f.mul(f).mul(0.5f);
        FloatVector lo = s.fma(hfsq.add(rr), e.mul(LN2_LO));
        FloatVector y = e.fma(FloatVector.broadcast(S, LN2_HI), f.sub(hfsq.sub(lo)));
        y = y.blend(Float.NEGATIVE_INFINITY, x.eq(0f));
        y = y.blend(Float.POSITIVE_INFINITY, x.eq(Float.POSITIVE_INFINITY));
        return y.blend(Float.NaN, x.compare(VectorOperators.GE, 0f).not()); // below 0, or NaN
    }

    /**
     * The hyperbolic tangent, given {@code e = exp(2|x|)} from a first pass (see {@link VectorLoops#map}):
     * an odd polynomial below |x| = 0.625, {@code 1 - 2/(e + 1)} with the sign of x above.
     */
    static FloatVector tanh(FloatVector x, FloatVector e) {
        FloatVector a = x.abs();
        FloatVector z = a.mul(a);
        FloatVector p = z.fma(T4, T3);
        p = horner(p, z, T2);
        p = horner(p, z, T1);
        p = horner(p, z, T0);
        FloatVector small = a.mul(z).fma(p, a);
        FloatVector large = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
        return withSignOf(large.blend(small, a.lt(TANH_SMALL)), x);
    }

    /** The logistic function {@code 1 / (1 + e^-x)}, from {@code e^-|x|} so that nothing overflows. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector numerator = FloatVector.broadcast(x.species(), 1f).blend(e, x.lt(0f));
        return numerator.div(e.add(1f));
    }

    /**
     * The lanes holding NaN. ({@code test(IS_NAN)} would say the same but is not compiled to vector
     * code here and runs several times slower.)
     */
    static VectorMask<Float> isNaN(FloatVector v) {
        return v.compare(VectorOperators.NE, v);
    }

    /** {@code p · r + c}, one step of Horner's scheme. */
    static FloatVector horner(FloatVector p, FloatVector r, float c) {
        return p.fma(r, FloatVector.broadcast(p.species(), c));
    }

    /** {@code |v|} with the sign bit of {@code sign}, so that -0 stays -0. */
    static FloatVector withSignOf(FloatVector v, FloatVector sign) {
        return v.reinterpretAsInts().or(sign.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }

    /** {@code 2^n} for {@code -126 ≤ n ≤ 127}, built in the exponent bits. */
    private static FloatVector powerOfTwo(IntVector n) {
        return n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }
}
