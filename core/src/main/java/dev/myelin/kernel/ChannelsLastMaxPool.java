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
     * Pools every channel of the image {@code x}: the value at plane position {@code q} of channel
     * {@code c} goes to {@code out.values()[out.valuesOffset() + c*outPlane + q]}, its index to the
     * same place in {@code out.argmax()}.
     *
     * @param channels the image's channels, {@code C}
     * @param window   the pool's window over the {@code H x W} plane
     * @param x        the image, channels-last {@code (H, W, C)} from index 0
     * @param bias     added to each channel's values before the pool ({@code bias[biasOff + c]}); null for none
     * @param biasOff  index in {@code bias} of channel 0's bias
     * @param relu     whether to clamp the pooled values at 0
     * @param out      where the pooled values and chosen indices go
     */
    static void forward(int channels, Window2d window, float[] x, float[] bias, int biasOff, boolean relu,
            MaxPoolOutput out) {
        int vectorChannels = VectorSupport.AVAILABLE ? VectorChannelsLastMaxPool.wholeVectors(channels) : 0;
        if (vectorChannels > 0) {
            VectorChannelsLastMaxPool.forward(channels, vectorChannels, window, x, bias, biasOff, relu, out);
        }
        forwardScalar(channels, vectorChannels, channels, window, x, bias, biasOff, relu, out);
    }

    /**
     * Channels {@code [first, end)} of {@link #forward}, one window at a time.
     *
     * @param channels the image's channels, {@code C}: the stride between pixels of {@code x}
     * @param first    the first channel to pool
     * @param end      one past the last channel to pool
     * @param window   the pool's window over the {@code H x W} plane
     * @param x        the image, channels-last {@code (H, W, C)} from index 0
     * @param bias     added to each channel's values before the pool; null for none
     * @param biasOff  index in {@code bias} of channel 0's bias
     * @param relu     whether to clamp the pooled values at 0
     * @param out      where the pooled values and chosen indices go
     */
    static void forwardScalar(int channels, int first, int end, Window2d window, float[] x, float[] bias, int biasOff,
            boolean relu, MaxPoolOutput out) {
        float[] y = out.values();
        int yOff = out.valuesOffset();
        int[] argmax = out.argmax();
        int argmaxOff = out.argmaxOffset();
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
