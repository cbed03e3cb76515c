package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.myelin.parallel.Parallel;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Holds {@link Gemm} to its scalar twin {@link GemmReference} for every transposition and odd sizes. */
class GemmTest {
    private static float[] random(SplittableRandom r, int n) {
        return VectorTesting.uniform(r, n);
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
        Matrix opA = new Matrix(a, off, lda, transA);
        Matrix opB = new Matrix(b, off, ldb, transB);
        GemmReference.sgemm(m, n, k, opA, opB, Matrix.of(expected, off, ldc), accumulate);
        Gemm.sgemm(m, n, k, opA, opB, Matrix.of(actual, off, ldc), accumulate);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "element " + i);
        }
    }

    // Shapes that cross the packing boundaries (from the caches, GemmBlocking: 512 deep and 256 wide on a
    // 48 KiB L1d and 1 MiB L2) and every tile shape.
    @Property(tries = 40)
    void largeShapesAgreeAndAreBitIdenticalAcrossThreadCounts(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 150) int m, @ForAll @IntRange(min = 200, max = 600) int k,
            @ForAll @IntRange(min = 1, max = 700) int n, @ForAll boolean transA, @ForAll boolean transB) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = random(r, m * k);
        float[] b = random(r, k * n);
        Matrix opA = packed(a, m, k, transA);
        Matrix opB = packed(b, k, n, transB);
        float[] expected = new float[m * n];
        GemmReference.sgemm(m, n, k, opA, opB, Matrix.of(expected, 0, n), false);
        float[] first = null;
        int before = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                float[] c = new float[m * n];
                Gemm.sgemm(m, n, k, opA, opB, Matrix.of(c, 0, n), false);
                if (first == null) {
                    first = c;
                    // K up to 600 products of values in [-1, 1]: reordering error stays below 1e-4.
                    for (int i = 0; i < c.length; i++) {
                        assertEquals(expected[i], c[i], 1e-4, "element " + i);
                    }
                } else {
                    assertArrayEquals(first, c, threads + " threads differ from 1 thread");
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    // C narrower than one column sliver per thread, K over several panels: each thread takes a band of
    // row slivers and packs B itself (the weight-gradient shape of a convolution).
    @Test
    void rowBandsOfNarrowLongProductsAreBitIdenticalAcrossThreadCounts() {
        int[][] shapes = {{288, 64, 1300}, {100, 20, 1030}, {13, 9, 2000}, {25, 16, 700}};
        for (int[] shape : shapes) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    int m = shape[0], n = shape[1], k = shape[2];
                    SplittableRandom r = new SplittableRandom(m * 31L + n);
                    float[] a = random(r, m * k);
                    float[] b = random(r, k * n);
                    Matrix opA = packed(a, m, k, transA);
                    Matrix opB = packed(b, k, n, transB);
                    float[] expected = new float[m * n];
                    GemmReference.sgemm(m, n, k, opA, opB, Matrix.of(expected, 0, n), false);
                    Supplier<Object> product = () -> {
                        float[] c = new float[m * n];
                        Gemm.sgemm(m, n, k, opA, opB, Matrix.of(c, 0, n), false);
                        return c;
                    };
                    float[] c = (float[]) product.get();
                    for (int i = 0; i < c.length; i++) {
                        assertEquals(expected[i], c[i], 3e-4, "element " + i); // K up to 2000 products
                    }
                    VectorTesting.assertSameAcrossThreadCounts(m + "x" + k + "x" + n, product);
                }
            }
        }
    }

    @Property(tries = 100)
    void scalarPathAgreesWithTheReference(@ForAll long seed, @ForAll @IntRange(min = 0, max = 20) int m,
            @ForAll @IntRange(min = 0, max = 40) int k, @ForAll @IntRange(min = 0, max = 20) int n,
            @ForAll boolean transA, @ForAll boolean transB, @ForAll boolean accumulate) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = random(r, m * k);
        float[] b = random(r, k * n);
        float[] c0 = random(r, m * n);
        float[] expected = c0.clone();
        float[] actual = c0.clone();
        Matrix opA = packed(a, m, k, transA);
        Matrix opB = packed(b, k, n, transB);
        GemmReference.sgemm(m, n, k, opA, opB, Matrix.of(expected, 0, n), accumulate);
        Gemm.sgemmScalar(m, n, k, opA, opB, Matrix.of(actual, 0, n), accumulate);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "element " + i);
        }
    }

    @Test
    void theVectorPathIsOnInTests() {
        assertEquals(true, VectorSupport.AVAILABLE, "Surefire should run with --add-modules jdk.incubator.vector");
    }

    @Test
    void rejectsMatricesOutsideTheirArrays() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(2, 2, 2, Matrix.of(new float[3], 0, 2), Matrix.of(new float[4], 0, 2),
                        Matrix.of(new float[4], 0, 2), false));
        assertEquals(true, e.getMessage().contains("matrix A"), e.getMessage());
    }

    @Test
    void rejectsATransposedOutputAndRowDotsOfOtherTranspositions() {
        float[] x = new float[4];
        var output = assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(2, 2, 2, Matrix.of(x, 0, 2),
                Matrix.of(x, 0, 2), Matrix.of(new float[4], 0, 2).transpose(), false));
        assertEquals(true, output.getMessage().contains("C"), output.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.rowDots(2, 2, 2, Matrix.of(x, 0, 2), Matrix.of(x, 0, 2), Matrix.of(new float[4], 0, 2)));
    }

    /** op(X), {@code rows x cols}, stored densely: as itself, or as its transpose ({@code cols x rows}). */
    private static Matrix packed(float[] x, int rows, int cols, boolean transposed) {
        return new Matrix(x, 0, transposed ? rows : cols, transposed);
    }
}
