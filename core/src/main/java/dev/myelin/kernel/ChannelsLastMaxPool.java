package dev.myelin.kernel;

/**
 * Max pooling of one image held channels-last, {@code (H, W, C)} as {@link ChannelsLastConv} leaves it,
 * into channel-major planes {@code (C, outH, outW)}, with the convolution's bias added to each value
 * first and optionally ReLU after: the pooling half of
 * {@link ConvReluPool}. The rule is {@link Pooling#maxPoolForward}'s, so values and indices are the
 * same: taps in window order, a strictly greater value or a NaN takes the window, and
 * {@code argmax} holds the chosen element's index within the {@code H x W} plane.
 *
 * <p>Channels-last suits vectors: a window's taps for {@code L} consecutive channels are {@code L}
 * consecutive floats, so one vector compare serves {@code L} windows. The loop here is the scalar
 * twin that {@link VectorChannelsLastMaxPool} is tested against, and its fallback.
 */
final class ChannelsLastMaxPool {
    private ChannelsLastMaxPool() {
    }

    /**
     * {@code y[yOff + c*outPlane + q]}, {@code argmax[argmaxOff + c*outPlane + q]} for every channel;
     * {@code bias} and {@code argmax} may be null.
     */
    static void forward(int channels, Window2d window, float[] x, float[] bias, int biasOff, boolean relu, float[] y,
            int yOff, int[] argmax, int argmaxOff) {
        int vectorChannels = VectorSupport.AVAILABLE ? VectorChannelsLastMaxPool.wholeVectors(channels) : 0;
        if (vectorChannels > 0) {
            VectorChannelsLastMaxPool.forward(channels, vectorChannels, window, x, bias, biasOff, relu, y, yOff, argmax,
                    argmaxOff);
        }
        forwardScalar(channels, vectorChannels, channels, window, x, bias, biasOff, relu, y, yOff, argmax, argmaxOff);
    }

    /** Channels {@code [first, end)} of {@link #forward}, one window at a time. */
    static void forwardScalar(int channels, int first, int end, Window2d window, float[] x, float[] bias, int biasOff,
            boolean relu, float[] y, int yOff, int[] argmax, int argmaxOff) {
        int outPlane = window.outPlaneSize();
        int[] taps = new int[window.kernelSize()];
        int outH = window.outHeight();
        int outW = window.outWidth();
        int q = 0;
        for (int oh = 0; oh < outH; oh++) {
            for (int ow = 0; ow < outW; ow++, q++) {
                int count = window.tapsInside(oh, ow, taps);
                for (int c = first; c < end; c++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int bestIndex = -1;
                    for (int t = 0; t < count; t++) {
                        float v = bias == null ? x[taps[t] * channels + c] : x[taps[t] * channels + c] + bias[biasOff + c];
                        if (bestIndex < 0 || v > best || Float.isNaN(v)) {
                            best = v;
                            bestIndex = taps[t];
                        }
                    }
                    y[yOff + c * outPlane + q] = relu ? Math.max(best, 0f) : best;
                    if (argmax != null) {
                        argmax[argmaxOff + c * outPlane + q] = bestIndex;
                    }
                }
            }
        }
    }
}
