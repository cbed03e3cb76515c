package dev.myelin.kernel;

/**
 * The per-channel terms of batch norm's input gradient
 * {@code dx = scale[ch]·(g - gShift[ch] - (x - mean[ch])·xSlope[ch])} ({@link BatchNormKernels#inputGradient}),
 * each array {@code C} long, in double. In training this is the closed form through the batch statistics
 * (Ioffe and Szegedy 2015, arXiv:1502.03167); in evaluation the statistics are constants and
 * {@code gShift} and {@code xSlope} are 0.
 *
 * @param mean   the mean each channel was normalised with (the batch's in training, the running one in evaluation)
 * @param scale  {@code weight / sqrt(var + eps)}, the factor {@code x - mean} was multiplied by (weight 1 without affine)
 * @param gShift {@code Σg / m}, the gradient's mean over the channel's {@code m = N·S} values; 0 in evaluation
 * @param xSlope {@code Σ g·(x - mean) / (m·(var + eps))}, how much of {@code x - mean} the gradient loses; 0 in evaluation
 */
public record BatchNormGradientTerms(double[] mean, double[] scale, double[] gShift, double[] xSlope) {
}
