package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;

/**
 * 2-D convolution (cross-correlation) of a batch of images, forward and backward, as GEMM over
 * {@link Im2col} columns. Images are {@code (batch, channels, H, W)}, weights
 * {@code (outChannels, channels/groups, kH, kW)} and outputs {@code (batch, outChannels, outH, outW)},
 * all row-major at the given offsets; {@link ConvGeometry} holds the sizes. Every method overwrites
 * its output.
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
 *
 * <p>Everything above is the one-group convolution. With more groups every method hands over to
 * {@link GroupedConvolution}, one GEMM per group on that group's slice of the columns, before any of
 * this runs: the channels-last forward and the short-patch gradients do not split into groups.
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
    public static void forward(ConvGeometry geometry, Floats x, Floats w, Floats bias, Floats y) {
        forward(geometry, x, w, bias, false, y);
    }

    /**
     * As {@link #forward(ConvGeometry, Floats, Floats, Floats, Floats)}, followed by ReLU when
     * {@code relu} is set: {@code y = max(conv(x, w) + bias, 0)}, applied to each image's output while
     * it is still in cache, with the same bits as a separate ReLU pass.
     */
    public static void forward(ConvGeometry geometry, Floats xs, Floats ws, Floats biases, boolean relu, Floats ys) {
        if (geometry.groups() > 1) {
            GroupedConvolution.forward(geometry, xs, ws, biases, relu, ys);
            return;
        }
        int batch = geometry.batch();
        int channels = geometry.inChannels();
        int outChannels = geometry.outChannels();
        Window2d window = geometry.window();
        float[] x = xs.data();
        int xOff = xs.offset();
        float[] w = ws.data();
        int wOff = ws.offset();
        float[] bias = biases == null ? null : biases.data();
        int biasOff = biases == null ? 0 : biases.offset();
        float[] y = ys.data();
        int yOff = ys.offset();
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
    public static void backward(ConvGeometry geometry, Floats x, Floats w, Floats gy, Floats dx, Floats dw,
            Floats db) {
        if (dx != null) {
            backwardInput(geometry, gy, w, dx);
        }
        if (dw != null && ShortPatchGradients.applies(geometry)) {
            ShortPatchGradients.compute(geometry, x, ShortPatchGradients.stored(geometry, gy), dw, db);
            return;
        }
        if (db != null) {
            backwardBias(geometry, gy, db);
        }
        if (dw != null) {
            backwardWeight(geometry, x, gy, dw);
        }
    }

    /**
     * The input gradient, image by image like the forward pass: {@code cols_n = Wᵀ dY_n}, built in
     * this thread's scratch and folded back into {@code dx} by {@link Im2col#col2im} while in cache.
     */
    public static void backwardInput(ConvGeometry geometry, Floats gys, Floats ws, Floats dxs) {
        if (geometry.groups() > 1) {
            GroupedConvolution.backwardInput(geometry, gys, ws, dxs);
            return;
        }
        int batch = geometry.batch();
        int channels = geometry.inChannels();
        int outChannels = geometry.outChannels();
        Window2d window = geometry.window();
        float[] gy = gys.data();
        int gyOff = gys.offset();
        float[] w = ws.data();
        int wOff = ws.offset();
        float[] dx = dxs.data();
        int dxOff = dxs.offset();
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
    public static void backwardWeight(ConvGeometry geometry, Floats x, Floats gy, Floats dw) {
        if (ShortPatchGradients.applies(geometry)) {
            ShortPatchGradients.compute(geometry, x, ShortPatchGradients.stored(geometry, gy), dw, null);
        } else if (geometry.groups() > 1) {
            GroupedConvolution.backwardWeight(geometry, x, gy, dw);
        } else {
            weightGradient(geometry, x, gy, dw);
        }
    }

    /** The weight gradient of one group whose patch is at least as long as outChannels, by GEMM. */
    private static void weightGradient(ConvGeometry geometry, Floats xs, Floats gys, Floats dws) {
        int batch = geometry.batch();
        int channels = geometry.inChannels();
        int outChannels = geometry.outChannels();
        Window2d window = geometry.window();
        float[] x = xs.data();
        int xOff = xs.offset();
        float[] gy = gys.data();
        int gyOff = gys.offset();
        float[] dw = dws.data();
        int dwOff = dws.offset();
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

    /**
     * The bias gradient: {@code db[o]} is the sum of {@code dY[n, o, :, :]} over images and positions
     * (whatever the groups, since each output channel has its own bias).
     */
    public static void backwardBias(ConvGeometry geometry, Floats gy, Floats db) {
        ReductionKernels.sum(gy.data(), gy.offset(), new int[] {geometry.batch(), geometry.outChannels(),
                geometry.outPlane()}, new boolean[] {true, false, true}, 1.0, db.data(), db.offset());
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
