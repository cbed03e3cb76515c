package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;

/**
 * Convolution, ReLU and max pooling in one pass over each image, the block of nearly every small CNN.
 * Run apart, the convolution writes the whole batch's activations (6.4 MB for the reference CNN's
 * first layer at batch 64) and the pool reads them back from beyond L2; the ReLU's backward is a third
 * pass. Here each image's convolution lands in this thread's scratch, still in L2 when it is pooled,
 * and only the pooled output leaves. With enough input channels the convolution runs channels-last
 * ({@link ChannelsLastConv}), which also suits the pool: one vector compare covers a window in
 * {@code L} channels at once ({@link ChannelsLastMaxPool}).
 *
 * <p>ReLU is applied after the pool: {@code max} commutes with a rising function, so the values are
 * those of ReLU then pool, bit for bit. The gradients are too: where the pooled value is positive
 * both orders pick the same element of the window, and where it is not, ReLU passes no gradient
 * whichever element was picked. So the backward is the pool's scatter with ReLU's mask
 * ({@link Pooling#maxPoolReluBackward}) followed by the convolution's backward ({@link Convolution}).
 *
 * <p>One channel group only: the op above it runs a grouped convolution, ReLU and pool one after
 * another instead.
 */
public final class ConvReluPool {
    private ConvReluPool() {
    }

    /**
     * {@code y = maxPool(max(conv(x, w) + bias, 0))}, with {@code argmax} as {@link Pooling#maxPoolForward}
     * gives it (an index within each convolution output plane). {@code bias} may be null, and so may
     * {@code argmax} when no backward pass will follow (inference).
     *
     * @param geometry   the convolution's sizes, with its window over the input planes; one group
     * @param poolWindow the pool's window over the convolution's output planes
     * @throws IllegalArgumentException if the convolution has more than one group
     */
    public static void forward(ConvGeometry geometry, Window2d poolWindow, Floats xs, Floats ws, Floats biases, Floats ys,
            int[] argmax, int argmaxOff) {
        if (geometry.groups() != 1) {
            throw new IllegalArgumentException("conv + relu + max-pool runs one group, got " + geometry.groups()
                    + "; run the convolution, ReLU and pool separately");
        }
        int batch = geometry.batch();
        int channels = geometry.inChannels();
        int outChannels = geometry.outChannels();
        Window2d convWindow = geometry.window();
        float[] x = xs.data();
        int xOff = xs.offset();
        float[] w = ws.data();
        int wOff = ws.offset();
        float[] bias = biases == null ? null : biases.data();
        int biasOff = biases == null ? 0 : biases.offset();
        float[] y = ys.data();
        int yOff = ys.offset();
        int patch = channels * convWindow.kernelSize();
        int outPlane = convWindow.outPlaneSize();
        int imageSize = channels * convWindow.planeSize();
        int pooledImage = outChannels * poolWindow.outPlaneSize();
        if (ChannelsLastConv.pays(channels)) {
            ChannelsLastConv.forEachImage(batch, channels, outChannels, convWindow, x, xOff, w, wOff, (n, conv) ->
                    ChannelsLastMaxPool.forward(outChannels, poolWindow, conv, bias, biasOff, true,
                            new MaxPoolOutput(y, yOff + n * pooledImage, argmax,
                                    argmax == null ? 0 : argmaxOff + n * pooledImage)));
            return;
        }
        Parallel.forRange(batch, n -> {
            float[] conv = Scratch.floats(Scratch.CONV_IMAGE_OUTPUT, outChannels * outPlane);
            float[] cols = Scratch.floats(Scratch.CONV_IMAGE_COLUMNS, patch * outPlane);
            Im2col.im2col(channels, convWindow, x, xOff + n * imageSize, cols, 0, outPlane);
            Gemm.sgemm(outChannels, outPlane, patch, Matrix.of(w, wOff, patch), Matrix.of(cols, 0, outPlane),
                    Matrix.of(conv, 0, outPlane), false);
            if (bias != null) {
                for (int o = 0; o < outChannels; o++) {
                    Convolution.addBiasAndClamp(conv, o * outPlane, outPlane, bias[biasOff + o], false);
                }
            }
            int pooled = yOff + n * pooledImage;
            for (int o = 0; o < outChannels; o++) {
                // Plane o of the scratch image lands at plane n * outChannels + o of the output.
                Pooling.maxPoolOnePlane(o, poolWindow, conv, 0, y, pooled, argmax,
                        argmax == null ? 0 : argmaxOff + n * pooledImage);
            }
            for (int i = pooled; i < pooled + pooledImage; i++) {
                y[i] = Math.max(y[i], 0f);
            }
        });
    }
}
