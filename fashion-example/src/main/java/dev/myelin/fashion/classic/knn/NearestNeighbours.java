package dev.myelin.fashion.classic.knn;

import dev.myelin.Myelin;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.function.IntConsumer;

/**
 * Exact k-nearest-neighbour search by squared Euclidean distance over a fixed set of reference rows.
 *
 * <p>Distances come from GEMM: {@code |q - r|² = |q|² + |r|² - 2 q·r}. The reference norms are
 * computed once; each block of query rows goes through one {@link Functional#linear} call, which
 * yields {@code |r|² - 2 q·r} for the whole block at once (the queries are scaled by -2, exactly,
 * and the reference norms are the bias). Then each query row's {@code k} smallest are picked in
 * parallel over rows. Distances that rounding pushed below zero are clamped to 0.
 *
 * <p>Results are identical whatever {@link Myelin#threads()}: the GEMM is bit-identical at any
 * thread count, and every query row is selected by one thread. Rows must hold finite values.
 */
public final class NearestNeighbours {
    /**
     * How many distances one block may hold: 16 M floats, 64 MB. Inside GEMM every block re-packs all
     * the reference rows, so tall blocks amortise that; this caps the memory they cost. At 55,000
     * reference rows it gives blocks of 290 queries, a 64 MB distance matrix beside the 172 MB of
     * reference images.
     */
    static final int BLOCK_DISTANCES = 16 << 20;
    /** The fewest rows per block, even when the reference set is so large that this breaks the budget: thinner blocks mostly pack. */
    static final int MIN_BLOCK_ROWS = 32;
    /** Beyond this the packing is amortised and a taller block only costs memory. */
    static final int MAX_BLOCK_ROWS = 1024;

    private final Tensor references;
    private final Tensor referenceNorms;
    private final int blockRows;

    /**
     * A search over the rows of {@code references}, a tensor {@code [n, d]} with {@code n >= 1}; it is
     * not copied and must not change afterwards.
     */
    public NearestNeighbours(Tensor references) {
        this(references, defaultBlockRows(references));
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
        this.referenceNorms = Tensor.of(squaredNorms(references.array(), references.arrayOffset(),
                references.dim(0), references.dim(1)));
        this.blockRows = blockRows;
    }

    private static int defaultBlockRows(Tensor references) {
        int n = Math.max(1, references.dim(0));
        return Math.clamp(BLOCK_DISTANCES / n, MIN_BLOCK_ROWS, MAX_BLOCK_ROWS);
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
        int[] indices = new int[m * k];
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

    /** Query rows {@code [first, first + rows)}: one GEMM, then the selection, parallel over rows. */
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
        float[] queryNorms = squaredNorms(q, qStart, rows, d);
        // |r|² - 2 q·r for every query of the block and every reference row.
        Tensor partial = Functional.linear(minusTwiceQueries, references, referenceNorms);
        float[] partials = partial.array();
        int partialStart = partial.arrayOffset();
        workers.forEachChunk(rows, (from, to) -> {
            NearestSoFar nearest = new NearestSoFar(k);
            for (int r = from; r < to; r++) {
                int row = partialStart + r * n;
                float queryNorm = queryNorms[r];
                for (int j = 0; j < n; j++) {
                    float distance = queryNorm + partials[row + j];
                    nearest.offer(distance < 0f ? 0f : distance, j);
                }
                nearest.drainInto(indices, distances, (first + r) * k);
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
