package dev.myelin.kernel;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The teaching rung of the GEMM ladder computes what the textbook triple loop computes. */
class TiledGemmTest {
    @Property(tries = 200)
    void agreesWithTheReference(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int m,
            @ForAll @IntRange(min = 0, max = 300) int n, @ForAll @IntRange(min = 0, max = 600) int k,
            @ForAll boolean transA, @ForAll boolean transB, @ForAll boolean accumulate) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = random(r, m * k);
        float[] b = random(r, k * n);
        float[] c = random(r, m * n);
        float[] expected = c.clone();
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        Matrix opA = new Matrix(a, 0, Math.max(1, lda), transA);
        Matrix opB = new Matrix(b, 0, Math.max(1, ldb), transB);
        GemmReference.sgemm(m, n, k, opA, opB, Matrix.of(expected, 0, Math.max(1, n)), accumulate);
        TiledGemm.sgemm(m, n, k, opA, opB, Matrix.of(c, 0, Math.max(1, n)), accumulate);
        for (int i = 0; i < c.length; i++) {
            float tolerance = 1e-4f * (float) Math.sqrt(k + 1) * Math.max(1f, Math.abs(expected[i]));
            if (Math.abs(c[i] - expected[i]) > tolerance) {
                throw new AssertionError("C[" + i + "] = " + c[i] + ", reference " + expected[i] + " (m=" + m + " n=" + n
                        + " k=" + k + ")");
            }
        }
    }

    private static float[] random(SplittableRandom r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }
}
