package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Erf} against published values and against the Maclaurin series summed in 60-digit decimal
 * arithmetic. The target is 1e-7 relative (float precision); the implementation does far better, so
 * the checks ask for 1e-13 on erf and 1e-12 on erfc (which is {@code 1 - erf} just below 2).
 */
class ErfTest {
    private static final MathContext MC = new MathContext(60);

    @Test
    void knownValues() {
        double[][] erf = {
            {0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1.0, 0.8427007929497149},
            {1.5, 0.9661051464753108}, {2.0, 0.9953222650189527}, {3.0, 0.9999779095030014},
        };
        for (double[] p : erf) {
            assertEquals(p[1], Erf.erf(p[0]), 1e-15, "erf(" + p[0] + ")");
            assertEquals(-p[1], Erf.erf(-p[0]), 1e-15, "erf(-" + p[0] + ")");
        }
        double[][] erfc = {
            {0.5, 0.4795001221869535}, {2.0, 4.677734981047266e-3}, {3.0, 2.209049699858544e-5},
            {5.0, 1.5374597944280349e-12}, {10.0, 2.088487583762545e-45},
        };
        for (double[] p : erfc) {
            assertEquals(p[1], Erf.erfc(p[0]), 1e-13 * p[1], "erfc(" + p[0] + ")");
        }
        assertEquals(0.0, Erf.erf(0.0));
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)) && Double.isNaN(Erf.erfc(Double.NaN)));
    }

    @Property(tries = 300)
    void erfMatchesHighPrecisionSeries(@ForAll @DoubleRange(min = -6, max = 6) double x) {
        BigDecimal exact = seriesErf(x);
        assertEquals(exact.doubleValue(), Erf.erf(x), 1e-15 + 1e-13 * Math.abs(exact.doubleValue()), "erf(" + x + ")");
        double tail = BigDecimal.ONE.subtract(exact, MC).doubleValue();
        assertEquals(tail, Erf.erfc(x), 1e-300 + 1e-12 * Math.abs(tail), "erfc(" + x + ")");
    }

    /** erf(x) = 2/√π Σ (-1)ⁿ x^(2n+1) / (n! (2n+1)), exact to far more digits than a double holds for |x| ≤ 6. */
    private static BigDecimal seriesErf(double x) {
        BigDecimal z = new BigDecimal(x);
        BigDecimal z2 = z.multiply(z, MC);
        BigDecimal power = z; // (-1)^n x^(2n+1) / n!
        BigDecimal sum = z;
        for (int n = 1; n < 400; n++) {
            power = power.multiply(z2, MC).negate().divide(BigDecimal.valueOf(n), MC);
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), MC);
            sum = sum.add(term, MC);
            if (term.abs().compareTo(new BigDecimal("1e-45")) < 0) {
                break;
            }
        }
        BigDecimal twoOverSqrtPi = new BigDecimal("1.12837916709551257389615890312154517168810125865799771368817");
        return sum.multiply(twoOverSqrtPi, MC);
    }
}
