package dev.myelin.kernel;

import static dev.myelin.kernel.VectorLoops.L;
import static dev.myelin.kernel.VectorLoops.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelsLastMaxPool} on the Vector API, {@code L} channels at a time: each lane runs the
 * scalar rule for its own channel (first valid tap, then strictly greater or NaN), so values and
 * indices are the scalar loop's. The pooled vectors land channels-last in scratch and are then
 * transposed into the channel-major output.
 */
final class VectorChannelsLastMaxPool {
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    /** Added when there is no bias: {@code x + (-0) == x} for every float, where {@code + 0} would turn -0 into +0. */
    private static final FloatVector NO_BIAS = FloatVector.broadcast(S, -0f);

    private VectorChannelsLastMaxPool() {
    }

    /**
     * The channels this class handles: whole vectors of them; the rest is left to the scalar loop.
     *
     * @param channels the image's channels
     * @return {@code channels} rounded down to a multiple of {@code L}
     */
    static int wholeVectors(int channels) {
        return S.loopBound(channels);
    }

    /**
     * Channels {@code [0, vectorChannels)} of {@link ChannelsLastMaxPool#forward}, {@code L} at a time.
     *
     * @param channels       the image's channels, {@code C}: the stride between pixels of {@code x}
     * @param vectorChannels the channels to pool here, a multiple of {@code L} ({@link #wholeVectors})
     * @param window         the pool's window over the {@code H x W} plane
     * @param x              the image, channels-last {@code (H, W, C)} from index 0
     * @param bias           added to each channel's values before the pool; null for none
     * @param biasOff        index in {@code bias} of channel 0's bias
     * @param relu           whether to clamp the pooled values at 0
     * @param out            where the pooled values and chosen indices go
     */
    static void forward(int channels, int vectorChannels, Window2d window, float[] x, float[] bias, int biasOff,
            boolean relu, MaxPoolOutput out) {
        float[] y = out.values();
        int yOff = out.valuesOffset();
        int[] argmax = out.argmax();
        int argmaxOff = out.argmaxOffset();
        int outPlane = window.outPlaneSize();
        float[] pooled = Scratch.floats(Scratch.POOL_CHANNELS_LAST, outPlane * vectorChannels);
        int[] chosen = Scratch.ints(Scratch.POOL_CHANNELS_LAST_INDEX, outPlane * vectorChannels);
        int[] taps = new int[window.kernelSize()];
        FloatVector floor = FloatVector.broadcast(S, relu ? 0f : Float.NEGATIVE_INFINITY); // max(v, -inf) == v
        int outH = window.outHeight();
        int outW = window.outWidth();
        int q = 0;
        for (int oh = 0; oh < outH; oh++) {
            for (int ow = 0; ow < outW; ow++, q++) {
                int count = window.tapsInside(oh, ow, taps);
                for (int c = 0; c < vectorChannels; c += L) {
                    int at = q * vectorChannels + c;
                    // The scalar rule, lane for lane: the first tap inside, then a strictly greater value or a NaN.
                    // A window wholly inside the padding keeps -inf and index -1.
                    FloatVector b = bias == null ? NO_BIAS : FloatVector.fromArray(S, bias, biasOff + c);
                    FloatVector best = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
                    IntVector bestIndex = IntVector.broadcast(I, -1);
                    for (int t = 0; t < count; t++) {
                        FloatVector v = FloatVector.fromArray(S, x, taps[t] * channels + c).add(b);
                        VectorMask<Float> takes = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN))
                                .or(bestIndex.compare(VectorOperators.LT, 0).cast(S));
                        best = best.blend(v, takes);
                        bestIndex = bestIndex.blend(taps[t], takes.cast(I));
                    }
                    best.max(floor).intoArray(pooled, at);
                    bestIndex.intoArray(chosen, at);
                }
            }
        }
        for (int c = 0; c < vectorChannels; c++) {
            int plane = c * outPlane;
            for (q = 0; q < outPlane; q++) {
                y[yOff + plane + q] = pooled[q * vectorChannels + c];
            }
            if (argmax != null) {
                for (q = 0; q < outPlane; q++) {
                    argmax[argmaxOff + plane + q] = chosen[q * vectorChannels + c];
                }
            }
        }
    }
}
