package dev.myelin.kernel;

import dev.myelin.parallel.Parallel;

/**
 * The forward convolution of one image with its output positions as GEMM rows:
 * {@code Yᵀ (L x outC) = patches (L x P) · Wᵀ (P x outC)}, where row {@code l} of {@code patches} is the
 * receptive field of output position {@code l}. This is the transpose of the textbook
 * {@code Y = W · cols}, chosen for speed: the weights become GEMM's packed operand (a few KiB, the
 * same for every image) and the patches its broadcast operand, read in place. The textbook
 * orientation packed each image's columns again (225 KiB for a 32-channel 14x14 layer), and its
 * im2col copied short runs of one row each; here a patch is built from whole pixels.
 *
 * <p>A patch is laid out tap-major, channel-minor: element {@code (kh*kW + kw)*C + c}. The image is
 * first transposed to channels-last {@code (H, W, C)}, so each tap of a patch is one contiguous run
 * of {@code C} floats. The weights are reordered to match once per call ({@link #weightsByPatch}).
 * Each output element is therefore summed over its patch in the order (kh, kw, c), and rounds
 * differently from a sum in (c, kh, kw) order; {@code ConvolutionReference} (in the tests) is the oracle, within
 * float tolerance.
 */
final class ChannelsLastConv {
    private ChannelsLastConv() {
    }

    /** What a caller does with each image's channels-last output while it is in this thread's cache. */
    @FunctionalInterface
    interface ImageOutput {
        /** {@code conv} holds image {@code n}'s output, {@code (L, outC)}, in this thread's scratch. */
        void accept(int n, float[] conv);
    }

    /** The batch, image by image on all threads: each image's {@link #image} output handed to {@code then}. */
    static void forEachImage(int batch, int channels, int outChannels, Window2d window, float[] x, int xOff,
            float[] w, int wOff, ImageOutput then) {
        int imageSize = channels * window.planeSize();
        float[] wT = weightsByPatch(channels, outChannels, window.kernelSize(), w, wOff);
        Parallel.forRange(batch, n -> {
            float[] conv = Scratch.floats(Scratch.CONV_IMAGE_OUTPUT, window.outPlaneSize() * outChannels);
            image(channels, outChannels, window, x, xOff + n * imageSize, wT, conv);
            then.accept(n, conv);
        });
    }

    /** {@code Wᵀ} with its rows in patch order: {@code wT[(tap*C + c)*outC + o] = w[o, c, tap]}. */
    static float[] weightsByPatch(int channels, int outChannels, int taps, float[] w, int wOff) {
        float[] wT = new float[taps * channels * outChannels];
        for (int o = 0; o < outChannels; o++) {
            for (int c = 0; c < channels; c++) {
                for (int tap = 0; tap < taps; tap++) {
                    wT[(tap * channels + c) * outChannels + o] = w[wOff + (o * channels + c) * taps + tap];
                }
            }
        }
        return wT;
    }

    /**
     * Whether channels-last beats {@link Convolution}'s classic orientation: when a tap of a patch is a
     * run of at least 16 floats (a 64-byte cache line). With one channel (a greyscale first layer) each
     * tap is a single float, and im2col's row-long runs plus the channel-major 2x2 pool win: measured
     * on the reference CNN's first layer, 14 µs per image classic against 34 channels-last.
     */
    static boolean pays(int channels) {
        return channels >= 16;
    }

    /**
     * {@code out[l*outC + o] = Σ_p patch_l[p] · wT[p*outC + o]} for the image at {@code x[xOff..]}
     * ({@code (C, H, W)}), on the calling thread, in its scratch. The bias is left to the pass that
     * reads {@code out} next (a short row loop of its own here would run in C2's scalar post-loop).
     */
    static void image(int channels, int outChannels, Window2d window, float[] x, int xOff, float[] wT, float[] out) {
        int patch = channels * window.kernelSize();
        int outPlane = window.outPlaneSize();
        float[] pixels = x;
        int pixelsOff = xOff;
        if (channels > 1) {
            pixels = Scratch.floats(Scratch.CONV_IMAGE_CHANNELS_LAST, channels * window.planeSize());
            pixelsOff = 0;
            toChannelsLast(channels, window.planeSize(), x, xOff, pixels, 0);
        }
        float[] rows = Scratch.floats(Scratch.CONV_IMAGE_COLUMNS, outPlane * patch);
        patchRows(channels, window, pixels, pixelsOff, rows);
        Gemm.sgemm(outPlane, outChannels, patch, Matrix.of(rows, 0, patch), Matrix.of(wT, 0, outChannels),
                Matrix.of(out, 0, outChannels), false);
    }

    /** {@code (C, plane)} to {@code (plane, C)}. */
    static void toChannelsLast(int channels, int plane, float[] x, int xOff, float[] out, int outOff) {
        for (int c = 0; c < channels; c++) {
            int from = xOff + c * plane;
            for (int s = 0; s < plane; s++) {
                out[outOff + s * channels + c] = x[from + s];
            }
        }
    }

    /**
     * {@code (L, outC)} to {@code (outC, L)}, adding the bias (may be null) and then, when {@code relu}
     * is set, taking {@code Math.max(v, 0)} on the way.
     */
    static void toChannelMajor(int outPlane, int outChannels, float[] conv, float[] bias, int biasOff, boolean relu,
            float[] y, int yOff) {
        for (int o = 0; o < outChannels; o++) {
            int plane = yOff + o * outPlane;
            for (int l = 0; l < outPlane; l++) {
                float v = bias == null ? conv[l * outChannels + o] : conv[l * outChannels + o] + bias[biasOff + o];
                y[plane + l] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    /**
     * Row {@code l} of {@code rows} is output position l's patch, (kh, kw, c) order, zeros where the
     * window leaves the image. Without dilation along the width, the taps of one kernel row that fall
     * inside the image are consecutive pixels, so they are one copy of up to {@code kW*C} floats (96
     * for a 3x3 kernel over 32 channels) rather than one per tap.
     */
    static void patchRows(int channels, Window2d window, float[] pixels, int pixelsOff, float[] rows) {
        int outW = window.outWidth();
        int width = window.width();
        int kernelW = window.kernelW();
        int patch = channels * window.kernelSize();
        // The taps of a kernel row that fall inside the image depend on the output column only.
        int[] firstTap = new int[outW];
        int[] endTap = new int[outW];
        for (int ow = 0; ow < outW; ow++) {
            int iw0 = ow * window.strideW() - window.padW();
            firstTap[ow] = Math.min(kernelW, Math.max(0, ceilDiv(-iw0, window.dilationW())));
            endTap[ow] = Math.max(firstTap[ow], Math.min(kernelW, ceilDiv(width - iw0, window.dilationW())));
        }
        int outH = window.outHeight();
        int dst = 0;
        for (int oh = 0; oh < outH; oh++) {
            for (int ow = 0; ow < outW; ow++) {
                int iw0 = ow * window.strideW() - window.padW();
                int first = firstTap[ow];
                int end = endTap[ow];
                for (int kh = 0; kh < window.kernelH(); kh++, dst += kernelW * channels) {
                    int ih = oh * window.strideH() - window.padH() + kh * window.dilationH();
                    if (ih < 0 || ih >= window.height() || first == end) {
                        java.util.Arrays.fill(rows, dst, dst + kernelW * channels, 0f);
                        continue;
                    }
                    java.util.Arrays.fill(rows, dst, dst + first * channels, 0f);
                    int src = pixelsOff + (ih * width + iw0 + first * window.dilationW()) * channels;
                    if (window.dilationW() == 1) {
                        System.arraycopy(pixels, src, rows, dst + first * channels, (end - first) * channels);
                    } else {
                        for (int kw = first; kw < end; kw++, src += window.dilationW() * channels) {
                            System.arraycopy(pixels, src, rows, dst + kw * channels, channels);
                        }
                    }
                    java.util.Arrays.fill(rows, dst + end * channels, dst + kernelW * channels, 0f);
                }
            }
        }
        assert dst == outH * outW * patch;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
