package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;

/**
 * 2-D convolution (cross-correlation) of a batch of images, forward and backward, as GEMM over
 * {@link Im2col} columns. Images are {@code (batch, channels, H, W)}, weights
 * {@code (outChannels, channels, kH, kW)} and outputs {@code (batch, outChannels, outH, outW)}, all
 * row-major at the given offsets. Every method overwrites its output.
 *
 * <p>With {@code P = channels*kH*kW} and {@code L = outH*outW}, everything runs image by image on
 * columns that stay in the thread's L2. The forward pass is one GEMM per image,
 * {@code Y_n (outChannels x L) = W (outChannels x P) * cols_n (P x L)}, written straight into the output;
 * with enough input channels it runs channels-last instead, as its transpose
 * {@code Y_nᵀ (L x outChannels) = patches_n (L x P) * Wᵀ (P x outChannels)} ({@link ChannelsLastConv}).
 * The input gradient is {@code cols_n = Wᵀ dY_n}, folded back by col2im. The weight gradient sums over
 * every position of every image, which one thread per output must do in order. So each thread owns
 * the rows of {@code dWᵀ} that belong to a band of input channels, and adds the images up one after
 * another. When the patch is shorter than the channel count (a 1-channel first layer), dW and db are
 * instead dot products and sums over dY's planes, per band of output channels ({@link ShortPatchGradients}).
 * Work is split over images or output channels, never across a sum, so results do not depend on the
 * thread count. {@code ConvolutionReference} (in the tests) is the scalar oracle.
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * {@code y = conv(x, w) + bias}; {@code bias} may be null. Image by image: each image's columns
     * ({@code P x L}, at most a few hundred KiB) are built in this thread's scratch while they stay in
     * its L2, and {@code Y_n = W cols_n} is written straight into the batch-major output. Measured
     * against one batch-wide GEMM plus a pass that moves its result into place: 4.6 -> 3.6-4.1 ms for
     * the reference CNN's second layer at 2 threads, 1.1 -> 0.5-1.1 ms for its first. With
     * {@link ChannelsLastConv#pays enough channels}, channels-last, transposed on the way out.
     */
    public static void forward(int batch, int channels, int outChannels, Window2d window,
            float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff, float[] y, int yOff) {
        forward(batch, channels, outChannels, window, x, xOff, w, wOff, bias, biasOff, false, y, yOff);
    }

    /**
     * As {@link #forward(int, int, int, Window2d, float[], int, float[], int, float[], int, float[], int)},
     * followed by ReLU when {@code relu} is set: {@code y = max(conv(x, w) + bias, 0)}, applied to each
     * image's output while it is still in cache, with the same bits as a separate ReLU pass.
     */
    public static void forward(int batch, int channels, int outChannels, Window2d window,
            float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff, boolean relu, float[] y, int yOff) {
        int patch = channels * window.kernelSize();
        int outPlane = window.outPlaneSize();
        int imageSize = channels * window.planeSize();
        if (ChannelsLastConv.pays(channels)) {
            ChannelsLastConv.forEachImage(batch, channels, outChannels, window, x, xOff, w, wOff, (n, conv) ->
                    ChannelsLastConv.toChannelMajor(outPlane, outChannels, conv, bias, biasOff, relu, y,
                            yOff + n * outChannels * outPlane));
            return;
        }
        Parallel.forRange(batch, n -> {
            float[] cols = Scratch.floats(Scratch.CONV_IMAGE_COLUMNS, patch * outPlane);
            Im2col.im2col(channels, window, x, xOff + n * imageSize, cols, 0, outPlane);
            int image = yOff + n * outChannels * outPlane;
            Gemm.sgemm(outChannels, outPlane, patch, Matrix.of(w, wOff, patch), Matrix.of(cols, 0, outPlane),
                    Matrix.of(y, image, outPlane), false);
            if (bias != null || relu) {
                for (int o = 0; o < outChannels; o++) {
                    addBiasAndClamp(y, image + o * outPlane, outPlane, bias == null ? 0f : bias[biasOff + o], relu);
                }
            }
        });
    }

    /** {@code y[at..at+n) += b}, then {@code max(y, 0)} when {@code relu} is set (as {@code Math.max}, so NaN stays NaN). */
    static void addBiasAndClamp(float[] y, int at, int n, float b, boolean relu) {
        if (relu) {
            for (int l = 0; l < n; l++) {
                y[at + l] = Math.max(y[at + l] + b, 0f);
            }
        } else {
            for (int l = 0; l < n; l++) {
                y[at + l] += b;
            }
        }
    }

    /**
     * All the gradients of one convolution: {@code dx}, {@code dw} and {@code db} may each be null
     * when not wanted. A short patch's weight and bias gradients come from {@link ShortPatchGradients}.
     */
    public static void backward(int batch, int channels, int outChannels, Window2d window, float[] x, int xOff,
            float[] w, int wOff, float[] gy, int gyOff, float[] dx, int dxOff, float[] dw, int dwOff,
            float[] db, int dbOff) {
        if (dx != null) {
            backwardInput(batch, channels, outChannels, window, gy, gyOff, w, wOff, dx, dxOff);
        }
        if (dw != null && ShortPatchGradients.applies(channels, outChannels, window)) {
            ShortPatchGradients.compute(batch, channels, outChannels, window, x, xOff,
                    ShortPatchGradients.stored(outChannels, window, gy, gyOff), dw, dwOff, db, dbOff);
            return;
        }
        if (db != null) {
            backwardBias(batch, outChannels, window, gy, gyOff, db, dbOff);
        }
        if (dw != null) {
            weightGradient(batch, channels, outChannels, window, x, xOff, gy, gyOff, dw, dwOff);
        }
    }

    /**
     * The input gradient, image by image like the forward pass: {@code cols_n = Wᵀ dY_n}, built in
     * this thread's scratch and folded back into {@code dx} by {@link Im2col#col2im} while in cache.
     */
    public static void backwardInput(int batch, int channels, int outChannels, Window2d window,
            float[] gy, int gyOff, float[] w, int wOff, float[] dx, int dxOff) {
        int patch = channels * window.kernelSize();
        int outPlane = window.outPlaneSize();
        int imageSize = channels * window.planeSize();
        Parallel.forRange(batch, n -> {
            float[] gradCols = Scratch.floats(Scratch.CONV_IMAGE_COLUMNS, patch * outPlane);
            Gemm.sgemm(patch, outPlane, outChannels, Matrix.of(w, wOff, patch).transpose(),
                    Matrix.of(gy, gyOff + n * outChannels * outPlane, outPlane), Matrix.of(gradCols, 0, outPlane), false);
            Im2col.col2im(channels, window, gradCols, 0, outPlane, dx, dxOff + n * imageSize);
        });
    }

    /** The weight gradient: {@code dW = dY * colsᵀ}, summed over every position of every image, in order. */
    public static void backwardWeight(int batch, int channels, int outChannels, Window2d window,
            float[] x, int xOff, float[] gy, int gyOff, float[] dw, int dwOff) {
        if (ShortPatchGradients.applies(channels, outChannels, window)) {
            ShortPatchGradients.compute(batch, channels, outChannels, window, x, xOff,
                    ShortPatchGradients.stored(outChannels, window, gy, gyOff), dw, dwOff, null, 0);
            return;
        }
        weightGradient(batch, channels, outChannels, window, x, xOff, gy, gyOff, dw, dwOff);
    }

    /** The weight gradient of a patch at least as long as outChannels, by GEMM. */
    private static void weightGradient(int batch, int channels, int outChannels, Window2d window, float[] x, int xOff,
            float[] gy, int gyOff, float[] dw, int dwOff) {
        int patch = channels * window.kernelSize();
        if (batch == 0) {
            java.util.Arrays.fill(dw, dwOff, dwOff + outChannels * patch, 0f);
            return;
        }
        // dWᵀ (P x out) = sum over images of cols_n dY_n, with dY position-major so that each image's
        // rows are already in GEMM's packed-panel order. Each thread owns the rows of a run of input
        // channels and builds only those rows of each image's columns, in its own L2, adding the
        // images up in order: no batch-wide column matrix, and no sum split across threads.
        int taps = window.kernelSize();
        int outPlane = window.outPlaneSize();
        int imageSize = channels * window.planeSize();
        float[] gyTall = positionMajor(batch, outChannels, outPlane, gy, gyOff);
        float[] dwT = Scratch.floats(Scratch.CONV_WEIGHT_GRAD, patch * outChannels);
        int threads = Math.min(Parallel.threadsHere(), channels);
        Parallel.forRange(threads, t -> {
            int first = channels * t / threads;
            int count = channels * (t + 1) / threads - first;
            float[] cols = Scratch.floats(Scratch.CONV_IMAGE_COLUMNS, count * taps * outPlane);
            for (int n = 0; n < batch; n++) {
                Im2col.im2col(count, window, x, xOff + n * imageSize + first * window.planeSize(), cols, 0, outPlane);
                Gemm.sgemm(count * taps, outChannels, outPlane, Matrix.of(cols, 0, outPlane),
                        Matrix.of(gyTall, n * outPlane * outChannels, outChannels),
                        Matrix.of(dwT, first * taps * outChannels, outChannels), n > 0);
            }
        });
        for (int o = 0; o < outChannels; o++) {
            for (int q = 0; q < patch; q++) {
                dw[dwOff + o * patch + q] = dwT[q * outChannels + o];
            }
        }
    }

    /** The bias gradient: {@code db[o]} is the sum of {@code dY[n, o, :, :]} over images and positions. */
    public static void backwardBias(int batch, int outChannels, Window2d window, float[] gy, int gyOff,
            float[] db, int dbOff) {
        ReductionKernels.sum(gy, gyOff, new int[] {batch, outChannels, window.outPlaneSize()},
                new boolean[] {true, false, true}, 1.0, db, dbOff);
    }


    /** {@code gy} rearranged from {@code (batch, outChannels, L)} to {@code (batch*L, outChannels)}, in scratch. */
    private static float[] positionMajor(int batch, int outChannels, int outPlane, float[] gy, int gyOff) {
        float[] out = Scratch.floats(Scratch.CONV_GRAD_TALL, batch * outPlane * outChannels);
        Parallel.forRange(batch, n -> {
            int image = gyOff + n * outChannels * outPlane;
            int rows = n * outPlane * outChannels;
            for (int o = 0; o < outChannels; o++) {
                for (int l = 0; l < outPlane; l++) {
                    out[rows + l * outChannels + o] = gy[image + o * outPlane + l];
                }
            }
        });
        return out;
    }

}
