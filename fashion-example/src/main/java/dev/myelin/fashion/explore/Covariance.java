package dev.myelin.fashion.explore;

import dev.myelin.tensor.Grad;
import dev.myelin.tensor.Tensor;
import java.util.function.IntConsumer;

/**
 * The mean row and the sample covariance matrix of a data matrix, computed with Myelin's tensors: the
 * rows are centred, and {@code Xᵀ X / (n - 1)} is summed one block of rows at a time with
 * {@link Tensor#matmul}.
 *
 * @param mean the mean row, shape {@code (width)}
 * @param matrix the covariance, shape {@code (width, width)}, symmetric
 * @param count the number of rows it was computed from
 */
public record Covariance(Tensor mean, Tensor matrix, int count) {
    /** Rows per block: enough for matmul to run at speed, few enough to keep memory small. */
    static final int BLOCK_ROWS = 2_048;

    /**
     * The mean and covariance of {@code rows}, which must number at least two.
     *
     * @param rowsDone told how many rows the covariance pass has finished, after each block
     */
    public static Covariance of(Rows rows, IntConsumer rowsDone) {
        int n = rows.count();
        int width = rows.width();
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least two rows, not " + n);
        }
        try (var noGraph = Grad.disabled()) {
            Tensor sum = Tensor.zeros(width);
            for (int from = 0; from < n; from += BLOCK_ROWS) {
                sum.addInPlace(block(rows, from).sum(0));
            }
            Tensor mean = sum.div(n);
            Tensor scatter = Tensor.zeros(width, width);
            for (int from = 0; from < n; from += BLOCK_ROWS) {
                Tensor centred = block(rows, from).sub(mean);
                scatter.addInPlace(centred.transpose(0, 1).matmul(centred));
                rowsDone.accept(Math.min(n, from + BLOCK_ROWS));
            }
            return new Covariance(mean, scatter.div(n - 1), n);
        }
    }

    /** The sum of the variances of all columns, the trace of the matrix: the total to explain. */
    public double totalVariance() {
        int width = matrix.dim(0);
        float[] values = matrix.array();
        int offset = matrix.arrayOffset();
        double trace = 0;
        for (int i = 0; i < width; i++) {
            trace += values[offset + i * width + i];
        }
        return trace;
    }

    private static Tensor block(Rows rows, int from) {
        int to = Math.min(rows.count(), from + BLOCK_ROWS);
        return Tensor.of(rows.block(from, to), to - from, rows.width());
    }
}
