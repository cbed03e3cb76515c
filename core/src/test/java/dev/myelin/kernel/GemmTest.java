package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Holds {@link Gemm} to its scalar twin {@link GemmReference} for every transposition and odd sizes. */
class GemmTest {
    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    // Both sum K float products but may order them differently: |error| <= K * 2^-24 * sum|a||b| <= 1e-5 for K <= 70.
    @Property(tries = 300)
    void agreesWithTheReference(@ForAll long seed, @ForAll @IntRange(min = 0, max = 37) int m,
            @ForAll @IntRange(min = 0, max = 70) int k, @ForAll @IntRange(min = 0, max = 37) int n,
            @ForAll boolean transA, @ForAll boolean transB, @ForAll boolean accumulate,
            @ForAll @IntRange(min = 0, max = 3) int pad) {
        SplittableRandom r = new SplittableRandom(seed);
        int lda = (transA ? m : k) + pad;
        int ldb = (transB ? k : n) + pad;
        int ldc = n + pad;
        int off = pad;
        float[] a = random(r, off + (transA ? k : m) * lda);
        float[] b = random(r, off + (transB ? n : k) * ldb);
        float[] c0 = random(r, off + m * ldc);
        float[] expected = c0.clone();
        float[] actual = c0.clone();
        GemmReference.sgemm(transA, transB, m, n, k, a, off, lda, b, off, ldb, expected, off, ldc, accumulate);
        Gemm.sgemm(transA, transB, m, n, k, a, off, lda, b, off, ldb, actual, off, ldc, accumulate);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "element " + i);
        }
    }

    @Test
    void rejectsMatricesOutsideTheirArrays() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 2, 2, new float[3], 0, 2, new float[4], 0, 2, new float[4], 0, 2, false));
        assertEquals(true, e.getMessage().contains("matrix A"), e.getMessage());
    }
}
