package dev.myelin.tensor;

import dev.myelin.kernel.Gemm;
import dev.myelin.kernel.Matrix;

/**
 * Matrix product, 2-D or batched with broadcast batch dimensions.
 *
 * <p>Forward: {@code C = A B}. Backward: {@code dA = dC Bᵀ} and {@code dB = Aᵀ dC}, both computed by
 * GEMM reading the transposed operand in place. Where an operand was broadcast across the batch, its
 * gradient is accumulated over the batch in order, so the result is deterministic.
 */
final class MatMulOp extends Node {
    private final BatchLayout layout;

    private MatMulOp(Tensor a, Tensor b, BatchLayout layout) {
        super(a, b);
        this.layout = layout;
    }

    static Tensor forward(Tensor a, Tensor b) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul: both operands need at least 2 dimensions, got shapes "
                    + a.shape() + " and " + b.shape() + "; reshape a vector to (1, K) or (K, 1)");
        }
        int m = a.dim(-2);
        int k = a.dim(-1);
        int n = b.dim(-1);
        if (b.dim(-2) != k) {
            throw new IllegalArgumentException("matmul: shapes " + a.shape() + " and " + b.shape()
                    + " cannot be multiplied (" + m + "x" + k + " and " + b.dim(-2) + "x" + n + ")");
        }
        BatchLayout layout = BatchLayout.of(a.shape(), b.shape());
        int[] outDims = new int[layout.batchDims.length + 2];
        System.arraycopy(layout.batchDims, 0, outDims, 0, layout.batchDims.length);
        outDims[outDims.length - 2] = m;
        outDims[outDims.length - 1] = n;
        Tensor c = Tensor.empty(Shape.of(outDims));
        for (int batch = 0; batch < layout.count; batch++) {
            Gemm.sgemm(m, n, k,
                    Matrix.of(a.data, a.offset + layout.aMatrix[batch] * m * k, k),
                    Matrix.of(b.data, b.offset + layout.bMatrix[batch] * k * n, n),
                    Matrix.of(c.data, batch * m * n, n), false);
        }
        return Autograd.record(c, new MatMulOp(a, b, layout));
    }

    @Override
    Tensor[] backward(Tensor g) {
        Tensor a = input(0);
        Tensor b = input(1);
        int m = a.dim(-2);
        int k = a.dim(-1);
        int n = b.dim(-1);
        Tensor da = needsGrad(0) ? Tensor.empty(a.shape()) : null;
        Tensor db = needsGrad(1) ? Tensor.empty(b.shape()) : null;
        for (int batch = 0; batch < layout.count; batch++) {
            int gOff = g.offset + batch * m * n;
            if (da != null) { // dA (m x k) += dC (m x n) * Bᵀ
                Gemm.sgemm(m, k, n, Matrix.of(g.data, gOff, n),
                        Matrix.of(b.data, b.offset + layout.bMatrix[batch] * k * n, n).transpose(),
                        Matrix.of(da.data, layout.aMatrix[batch] * m * k, k), true);
            }
            if (db != null) { // dB (k x n) += Aᵀ * dC (m x n)
                Gemm.sgemm(k, n, m, Matrix.of(a.data, a.offset + layout.aMatrix[batch] * m * k, k).transpose(),
                        Matrix.of(g.data, gOff, n),
                        Matrix.of(db.data, layout.bMatrix[batch] * k * n, n), true);
            }
        }
        return new Tensor[] {da, db};
    }

    /** Which matrix of A and of B each output matrix uses, after broadcasting the batch dimensions. */
    private record BatchLayout(int[] batchDims, int count, int[] aMatrix, int[] bMatrix) {
        static BatchLayout of(Shape a, Shape b) {
            Shape aBatch = Shape.of(java.util.Arrays.copyOf(a.dims(), a.rank() - 2));
            Shape bBatch = Shape.of(java.util.Arrays.copyOf(b.dims(), b.rank() - 2));
            Shape batch = Shape.broadcast("matmul", aBatch, bBatch);
            int count = batch.size();
            int[] aIndex = matrixIndices(aBatch, batch, count);
            int[] bIndex = matrixIndices(bBatch, batch, count);
            return new BatchLayout(batch.dims(), count, aIndex, bIndex);
        }

        private static int[] matrixIndices(Shape own, Shape batch, int count) {
            int[] strides = Broadcast.stridesFor(own, batch);
            int[] dims = batch.dims();
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                int rest = i;
                int idx = 0;
                for (int d = dims.length - 1; d >= 0; d--) {
                    idx += (rest % dims[d]) * strides[d];
                    rest /= dims[d];
                }
                out[i] = idx;
            }
            return out;
        }
    }
}
