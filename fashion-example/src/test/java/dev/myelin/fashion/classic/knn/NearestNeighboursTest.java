package dev.myelin.fashion.classic.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.Myelin;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {
    /**
     * Rows of small integers: every product and sum is exact in float whatever the order, so the GEMM
     * distances must equal the scalar ones bit for bit, and many of them tie exactly.
     */
    @Test
    void matchesBruteForceExactlyOnIntegerRowsFullOfTies() {
        Random random = new Random(1);
        int d = 5;
        for (int n : new int[] {1, 7, 13, 40}) {
            for (int m : new int[] {1, 5, 17}) {
                float[] references = integers(random, n * d);
                float[] queries = integers(random, m * d);
                for (int block : new int[] {1, 3, 4, 64}) {
                    NearestNeighbours search = new NearestNeighbours(Tensor.of(references, n, d), block);
                    for (int k : IntStream.of(1, 3, n).filter(k -> k <= n).distinct().toArray()) {
                        Neighbours found = search.search(Tensor.of(queries, m, d), k);
                        String where = "n=" + n + " m=" + m + " block=" + block + " k=" + k;
                        for (int q = 0; q < m; q++) {
                            List<Integer> expected = bruteForce(references, queries, q, d, k);
                            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(),
                                    found.indices(q), where + " query " + q);
                            for (int rank = 0; rank < k; rank++) {
                                assertEquals(squaredDistance(references, expected.get(rank), queries, q, d),
                                        found.distance(q, rank), where + " query " + q + " rank " + rank);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void matchesBruteForceWithinRoundingOnRealImages() {
        Random random = new Random(2);
        int n = 300;
        int m = 70;
        int d = 784;
        float[] references = uniform(random, n * d);
        float[] queries = uniform(random, m * d);
        int k = 12;
        Neighbours found = new NearestNeighbours(Tensor.of(references, n, d), 16).search(Tensor.of(queries, m, d), k);
        for (int q = 0; q < m; q++) {
            List<Integer> expected = bruteForce(references, queries, q, d, k);
            for (int rank = 0; rank < k; rank++) {
                float exact = squaredDistance(references, expected.get(rank), queries, q, d);
                assertEquals(exact, found.distance(q, rank), 1e-3f, "query " + q + " rank " + rank);
                // The row found at this rank really is this far away (it may differ from the reference's
                // row only where two distances agree to rounding).
                float actual = squaredDistance(references, found.index(q, rank), queries, q, d);
                assertEquals(actual, found.distance(q, rank), 1e-3f, "query " + q + " rank " + rank);
            }
        }
    }

    @Test
    void duplicateRowsComeOutAtTheSameDistanceInIndexOrder() {
        Random random = new Random(3);
        int n = 50;
        int d = 784;
        float[] references = uniform(random, n * d);
        float[] row = uniform(random, d);
        for (int copy : new int[] {9, 2, 31}) {
            System.arraycopy(row, 0, references, copy * d, d);
        }
        float[] query = row.clone();
        query[0] += 0.01f;
        Neighbours found = new NearestNeighbours(Tensor.of(references, n, d)).search(Tensor.of(query, 1, d), 4);
        assertArrayEquals(new int[] {2, 9, 31}, new int[] {found.index(0, 0), found.index(0, 1), found.index(0, 2)});
        assertEquals(found.distance(0, 0), found.distance(0, 1));
        assertEquals(found.distance(0, 0), found.distance(0, 2));
        assertTrue(found.distance(0, 3) > found.distance(0, 2));
    }

    /** A query equal to a reference row is at distance 0, up to rounding of the GEMM; never below it. */
    @Test
    void aQueryEqualToAReferenceIsNeverAtANegativeDistance() {
        Random random = new Random(4);
        int n = 400;
        int d = 784;
        float[] references = uniform(random, n * d);
        Neighbours found = new NearestNeighbours(Tensor.of(references, n, d), 64).search(Tensor.of(references, n, d), 1);
        for (int q = 0; q < n; q++) {
            assertEquals(q, found.index(q, 0));
            float distance = found.distance(q, 0);
            assertTrue(distance >= 0f && distance < 1e-3f, "row " + q + " at distance " + distance + " from itself");
            assertEquals(0, Float.floatToRawIntBits(distance) >>> 31, "no negative zero either");
        }
    }

    @Test
    void kEqualToNSortsEveryReferenceRow() {
        Random random = new Random(5);
        int n = 23;
        int d = 3;
        float[] references = integers(random, n * d);
        float[] query = integers(random, d);
        Neighbours found = new NearestNeighbours(Tensor.of(references, n, d), 2).search(Tensor.of(query, 1, d), n);
        int[] expected = bruteForce(references, query, 0, d, n).stream().mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, found.indices(0));
        assertEquals(n, IntStream.of(found.indices(0)).distinct().count());
    }

    @Test
    void kOutsideOneToNIsRefusedWithTheReason() {
        NearestNeighbours search = new NearestNeighbours(Tensor.zeros(5, 3));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> search.search(Tensor.zeros(2, 3), 6));
        assertTrue(tooMany.getMessage().contains("k = 6") && tooMany.getMessage().contains("5 reference rows"),
                tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> search.search(Tensor.zeros(2, 3), 0));
    }

    @Test
    void rowsOfTheWrongLengthAreRefused() {
        NearestNeighbours search = new NearestNeighbours(Tensor.zeros(5, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> search.search(Tensor.zeros(2, 4), 1));
        assertTrue(e.getMessage().contains("[m, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NearestNeighbours(Tensor.zeros(0, 3)));
        assertThrows(IllegalArgumentException.class, () -> new NearestNeighbours(Tensor.zeros(15)));
    }

    @Test
    void noQueriesGiveAnEmptyResult() {
        Neighbours found = new NearestNeighbours(Tensor.zeros(5, 3)).search(Tensor.zeros(0, 3), 2);
        assertEquals(0, found.queries());
        assertEquals(2, found.k());
    }

    @Test
    void progressCountsEveryQueryOnceBlockByBlock() {
        NearestNeighbours search = new NearestNeighbours(Tensor.zeros(5, 3), 4);
        List<Integer> reports = new ArrayList<>();
        search.search(Tensor.zeros(10, 3), 1, reports::add);
        assertEquals(List.of(4, 4, 2), reports);
    }

    @Test
    void resultsAreIdenticalWithOneTwoAndFourThreads() {
        Random random = new Random(6);
        int n = 2_000;
        int m = 300;
        int d = 784;
        Tensor references = Tensor.of(uniform(random, n * d), n, d);
        Tensor queries = Tensor.of(uniform(random, m * d), m, d);
        int saved = Myelin.threads();
        try {
            List<Neighbours> results = new ArrayList<>();
            for (int threads : new int[] {1, 2, 4}) {
                Myelin.setThreads(threads);
                results.add(new NearestNeighbours(references, 128).search(queries, 10));
            }
            for (Neighbours other : results.subList(1, results.size())) {
                for (int q = 0; q < m; q++) {
                    assertArrayEquals(results.getFirst().indices(q), other.indices(q), "query " + q);
                    assertArrayEquals(results.getFirst().distances(q), other.distances(q), "query " + q);
                }
            }
        } finally {
            Myelin.setThreads(saved);
        }
    }

    @Test
    void searchingTwiceGivesTheSameAnswer() {
        Random random = new Random(7);
        Tensor references = Tensor.of(uniform(random, 200 * 784), 200, 784);
        Tensor queries = Tensor.of(uniform(random, 50 * 784), 50, 784);
        NearestNeighbours search = new NearestNeighbours(references, 16);
        Neighbours first = search.search(queries, 5);
        Neighbours second = search.search(queries, 5);
        for (int q = 0; q < 50; q++) {
            assertArrayEquals(first.indices(q), second.indices(q));
            assertArrayEquals(first.distances(q), second.distances(q));
        }
    }

    /** The k nearest rows by a plain scalar loop: sorted by distance, then by index. */
    private static List<Integer> bruteForce(float[] references, float[] queries, int q, int d, int k) {
        int n = references.length / d;
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(r -> squaredDistance(references, r, queries, q, d))
                        .thenComparing(r -> r))
                .limit(k)
                .toList();
    }

    private static float squaredDistance(float[] references, int r, float[] queries, int q, int d) {
        double sum = 0;
        for (int i = 0; i < d; i++) {
            double diff = references[r * d + i] - queries[q * d + i];
            sum += diff * diff;
        }
        return (float) sum;
    }

    private static float[] integers(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextInt(4);
        }
        return values;
    }

    private static float[] uniform(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }
}
