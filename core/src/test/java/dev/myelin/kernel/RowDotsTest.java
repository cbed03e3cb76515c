package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Holds {@link Gemm#rowDots} (the vector {@link VectorRowDots}) to the scalar oracle {@link GemmReference}. */
class RowDotsTest {
    // K crosses the 1024-long slices and leaves a scalar tail; m and n leave partial 4x3 blocks.
    @Property(tries = 60)
    void agreesWithTheReferenceAndIsBitIdenticalAcrossThreadCounts(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 19) int m, @ForAll @IntRange(min = 1, max = 11) int n,
            @ForAll @IntRange(min = 0, max = 3000) int k, @ForAll @IntRange(min = 0, max = 3) int pad) {
        SplittableRandom r = new SplittableRandom(seed);
        int lda = k + pad;
        int ldb = k + pad + 1;
        int ldc = n + pad;
        float[] a = VectorTesting.uniform(r, pad + m * lda);
        float[] b = VectorTesting.uniform(r, pad + n * ldb);
        float[] expected = new float[pad + m * ldc];
        Matrix opA = Matrix.of(a, pad, lda);
        Matrix opB = Matrix.of(b, pad, ldb).transpose(); // C = A Bᵀ
        GemmReference.sgemm(m, n, k, opA, opB, Matrix.of(expected, pad, ldc), false);
        float[] garbage = VectorTesting.uniform(r, pad + m * ldc);
        Supplier<Object> product = () -> {
            float[] c = garbage.clone(); // overwritten, not added to
            Gemm.rowDots(m, n, k, opA, opB, Matrix.of(c, pad, ldc));
            return c;
        };
        float[] c = (float[]) product.get();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = pad + i * ldc + j;
                // K up to 3000 products of values in [-1, 1], summed in another order.
                assertEquals(expected[at], c[at], 2e-4, "element (" + i + ", " + j + ")");
            }
        }
        VectorTesting.assertSameAcrossThreadCounts(m + "x" + k + "x" + n, product);
    }
}
