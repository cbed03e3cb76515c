package dev.myelin.kernel;

/**
 * The layout batch normalisation works on: a row-major {@code (N, C, S)} array of {@code N} samples,
 * {@code C} channels and {@code S} positions per channel, {@code S} being the product of the
 * dimensions after the channel (H·W for an {@code (N, C, H, W)} input, 1 for {@code (N, C)}). Element
 * {@code (i, ch, j)} sits at {@code offset + (i·C + ch)·S + j}; every statistic is per channel, over
 * its {@code N·S} values.
 *
 * @param samples   {@code N}, the batch size, at least 0
 * @param channels  {@code C}, at least 0; the per-channel arrays passed beside the layout hold {@code C} values
 * @param positions {@code S}, the values of one channel in one sample, at least 0
 */
public record ChannelLayout(int samples, int channels, int positions) {
}
