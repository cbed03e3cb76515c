package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;

/**
 * A fully connected layer, {@code y = x Wᵀ + b}, with {@code x (rows x in)}, {@code W (out x in)}
 * as PyTorch stores it, {@code b (out)}. The weight is read transposed in place by GEMM, never copied.
 * The scalar twins are {@code GemmReference} (in the tests) and a plain bias loop.
 */
public final class Dense {
    /**
     * Up to this many rows, one dot product per output reads W once in place, where GEMM would first
     * pack all of it, transposed, for a product too small to repay the copy: a server's one-image
     * requests. {@code DenseInferenceBenchmark}, one thread, on the cnn's 3136x128 layer: 35 against
     * 325 us for one row, 151 against 371 for 16, 288 against 446 for 32 (docs/performance.md).
     */
    static final int ROW_DOT_ROWS = 16;

    private Dense() {
    }

    /** {@code y = x Wᵀ + b}; {@code bias} may be null. */
    public static void forward(int rows, int in, int out, float[] x, int xOff, float[] w, int wOff,
            float[] bias, int biasOff, float[] y, int yOff) {
        Matrix input = Matrix.of(x, xOff, in);
        Matrix weightT = Matrix.of(w, wOff, in).transpose(); // W (out x in) read as Wᵀ in place
        Matrix output = Matrix.of(y, yOff, out);
        if (rows <= ROW_DOT_ROWS) {
            Gemm.rowDots(rows, out, in, input, weightT, output);
        } else {
            Gemm.sgemm(rows, out, in, input, weightT, output, false);
        }
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                int row = yOff + r * out;
                BinaryKernels.apply(BinaryKernels.Op.ADD, y, row, 1, bias, biasOff, 1, y, row, out);
            }
        }
    }

    /** {@code dx = dy W}. */
    public static void backwardInput(int rows, int in, int out, float[] gy, int gyOff, float[] w, int wOff,
            float[] dx, int dxOff) {
        Gemm.sgemm(rows, in, out, Matrix.of(gy, gyOff, out), Matrix.of(w, wOff, in), Matrix.of(dx, dxOff, in), false);
    }

    /** {@code dW = dyᵀ x}: one GEMM summing over the rows in order. */
    public static void backwardWeight(int rows, int in, int out, float[] gy, int gyOff, float[] x, int xOff,
            float[] dw, int dwOff) {
        Gemm.sgemm(out, in, rows, Matrix.of(gy, gyOff, out).transpose(), Matrix.of(x, xOff, in),
                Matrix.of(dw, dwOff, in), false);
    }

    /** {@code db[o] = sum over rows of dy[r, o]}, each output summed by one thread in row order. */
    public static void backwardBias(int rows, int out, float[] gy, int gyOff, float[] db, int dbOff) {
        Parallel.forRange(out, o -> {
            float sum = 0f;
            for (int r = 0; r < rows; r++) {
                sum += gy[gyOff + r * out + o];
            }
            db[dbOff + o] = sum;
        });
    }
}
