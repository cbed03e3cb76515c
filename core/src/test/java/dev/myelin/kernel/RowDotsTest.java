package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.parallel.Parallel;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Holds {@link Gemm#rowDots} (the vector {@link VectorRowDots}) to the scalar oracle {@link GemmReference}. */
class RowDotsTest {
    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    // K crosses the 1024-long slices and leaves a scalar tail; m and n leave partial 4x3 blocks.
    @Property(tries = 60)
    void agreesWithTheReferenceAndIsBitIdenticalAcrossThreadCounts(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 19) int m, @ForAll @IntRange(min = 1, max = 11) int n,
            @ForAll @IntRange(min = 0, max = 3000) int k, @ForAll @IntRange(min = 0, max = 3) int pad) {
        SplittableRandom r = new SplittableRandom(seed);
        int lda = k + pad;
        int ldb = k + pad + 1;
        int ldc = n + pad;
        float[] a = random(r, pad + m * lda);
        float[] b = random(r, pad + n * ldb);
        float[] expected = new float[pad + m * ldc];
        GemmReference.sgemm(false, true, m, n, k, a, pad, lda, b, pad, ldb, expected, pad, ldc, false);
        float[] first = null;
        int before = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                float[] c = random(r, pad + m * ldc); // overwritten, not added to
                System.arraycopy(expected, 0, c, 0, pad);
                Gemm.rowDots(m, n, k, a, pad, lda, b, pad, ldb, c, pad, ldc);
                if (first == null) {
                    first = c;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            int at = pad + i * ldc + j;
                            // K up to 3000 products of values in [-1, 1], summed in another order.
                            assertEquals(expected[at], c[at], 2e-4, "element (" + i + ", " + j + ")");
                        }
                    }
                } else {
                    for (int i = 0; i < m; i++) {
                        float[] want = java.util.Arrays.copyOfRange(first, pad + i * ldc, pad + i * ldc + n);
                        float[] got = java.util.Arrays.copyOfRange(c, pad + i * ldc, pad + i * ldc + n);
                        assertArrayEquals(want, got, "row " + i + ": " + threads + " threads differ from 1");
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
