package dev.myelin.fashion.classic.knn;

import dev.myelin.Myelin;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.function.IntConsumer;

/**
 * Exact k-nearest-neighbour search by squared Euclidean distance over a fixed set of reference rows.
 *
 * <p>Distances come from GEMM: {@code |q - r|² = |r|² + |q|² - 2 r·q}. The reference norms are
 * computed once; each block of query rows goes through one {@link Functional#linear} call, which
 * yields {@code |q|² - 2 r·q} for every reference row and every query of the block (the queries,
 * scaled by -2 exactly, are the weight and their norms the bias). Then each query's {@code k}
 * smallest are picked, in parallel over queries. Distances that rounding pushed below zero are
 * clamped to 0.
 *
 * <p>Results are identical whatever {@link Myelin#threads()}: the GEMM is bit-identical at any
 * thread count, and every query is selected by one thread. Rows must hold finite values.
 */
public final class NearestNeighbours {
    /**
     * Queries per GEMM. The GEMM packs only the block of queries and each of its threads streams all
     * the reference rows once per block, so thin blocks pay for that and tall ones for a distance
     * matrix that leaves the cache: against 55,000 references on 2 threads, 256 and 512 took the least
     * CPU time, 64 and 128 up to twice as much, 1,024 about 40% more (KnnOnRealData, busy machine).
     * At 256 the block's distances take 256 floats per reference row, a third of what the reference
     * images take themselves (56 MB for 55,000).
     */
    static final int BLOCK_ROWS = 256;

    private final Tensor references;
    private final float[] referenceNorms;
    private final int blockRows;

    /**
     * A search over the rows of {@code references}, a tensor {@code [n, d]} with {@code n >= 1}; it is
     * not copied and must not change afterwards.
     */
    public NearestNeighbours(Tensor references) {
        this(references, BLOCK_ROWS);
    }

    /** A search over {@code references} that takes {@code blockRows} query rows per GEMM (tests use small blocks). */
    NearestNeighbours(Tensor references, int blockRows) {
        if (references.rank() != 2 || references.dim(0) < 1) {
            throw new IllegalArgumentException("reference rows must be a tensor [n, d] with n >= 1, got shape "
                    + references.shape());
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("block of " + blockRows + " rows");
        }
        this.references = references;
        this.referenceNorms = squaredNorms(references.array(), references.arrayOffset(),
                references.dim(0), references.dim(1));
        this.blockRows = blockRows;
    }

    /** The reference rows, {@code [n, d]}, as given (not a copy). */
    public Tensor references() {
        return references;
    }

    /** The number of reference rows, n. */
    public int size() {
        return references.dim(0);
    }

    /** The length of a row, d. */
    public int rowLength() {
        return references.dim(1);
    }

    /** The {@code k} nearest reference rows of each row of {@code queries}, a tensor {@code [m, d]}. */
    public Neighbours search(Tensor queries, int k) {
        return search(queries, k, rows -> { });
    }

    /**
     * The {@code k} nearest reference rows of each row of {@code queries}, a tensor {@code [m, d]};
     * {@code progress} is told how many more query rows are done after each block.
     *
     * @throws IllegalArgumentException if the rows are not {@code d} long, or {@code k} is not in 1..n
     */
    public Neighbours search(Tensor queries, int k, IntConsumer progress) {
        int d = rowLength();
        if (queries.rank() != 2 || queries.dim(1) != d) {
            throw new IllegalArgumentException("query rows must be a tensor [m, " + d + "], got shape " + queries.shape());
        }
        if (k < 1 || k > size()) {
            throw new IllegalArgumentException("k = " + k + " must be between 1 and the " + size() + " reference rows");
        }
        int m = queries.dim(0);
        int[] indices = new int[Math.multiplyExact(m, k)];
        float[] distances = new float[m * k];
        try (var noGraph = Grad.disabled(); RowWorkers workers = new RowWorkers(Myelin.threads())) {
            for (int from = 0; from < m; from += blockRows) {
                int rows = Math.min(blockRows, m - from);
                searchBlock(queries, from, rows, k, workers, indices, distances);
                progress.accept(rows);
            }
        }
        return new Neighbours(m, k, indices, distances);
    }

    /** Query rows {@code [first, first + rows)}: one GEMM, then the selection, parallel over queries. */
    private void searchBlock(Tensor queries, int first, int rows, int k, RowWorkers workers,
            int[] indices, float[] distances) {
        int d = rowLength();
        int n = size();
        float[] q = queries.array();
        int qStart = queries.arrayOffset() + first * d;
        Tensor minusTwiceQueries = Tensor.zeros(rows, d);
        float[] scaled = minusTwiceQueries.array();
        for (int i = 0; i < rows * d; i++) {
            scaled[minusTwiceQueries.arrayOffset() + i] = -2f * q[qStart + i];
        }
        Tensor queryNorms = Tensor.of(squaredNorms(q, qStart, rows, d));
        // [n, rows]: |q|² - 2 r·q, one row per reference row. This way round the GEMM packs only the
        // small block of queries; the other way it re-packed every reference row for every block,
        // which cost about half as much CPU time again.
        Tensor partial = Functional.linear(references, minusTwiceQueries, queryNorms);
        float[] partials = partial.array();
        int partialStart = partial.arrayOffset();
        workers.forEachChunk(rows, (from, to) -> {
            NearestSoFar[] nearest = new NearestSoFar[to - from];
            // Each query's bound beside the others, so that most distances are turned away by one
            // comparison without touching the heaps.
            float[] bounds = new float[to - from];
            for (int i = 0; i < nearest.length; i++) {
                nearest[i] = new NearestSoFar(k);
                bounds[i] = nearest[i].bound();
            }
            // Reference row by reference row, so that the distances are read in memory order.
            for (int j = 0; j < n; j++) {
                int row = partialStart + j * rows + from;
                float referenceNorm = referenceNorms[j];
                for (int i = 0; i < bounds.length; i++) {
                    float distance = partials[row + i] + referenceNorm;
                    if (distance < bounds[i]) {
                        nearest[i].offer(Math.max(distance, 0f), j);
                        bounds[i] = nearest[i].bound();
                    }
                }
            }
            for (int r = from; r < to; r++) {
                nearest[r - from].drainInto(indices, distances, (first + r) * k);
            }
        });
    }

    /** The squared norm of each of {@code rows} rows of length {@code d} starting at {@code start}, summed in double. */
    private static float[] squaredNorms(float[] values, int start, int rows, int d) {
        float[] norms = new float[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int i = start + r * d, end = i + d; i < end; i++) {
                sum += (double) values[i] * values[i];
            }
            norms[r] = (float) sum;
        }
        return norms;
    }
}
