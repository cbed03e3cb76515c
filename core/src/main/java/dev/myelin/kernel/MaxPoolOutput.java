package dev.myelin.kernel;

/**
 * Where a max pool writes: the pooled values and, when a backward pass will follow, the element each
 * window took. Both are channel-major {@code (C, outH, outW)} from their offsets.
 *
 * @param values       receives the pooled values
 * @param valuesOffset index in {@code values} of channel 0's first output
 * @param argmax       receives, laid out as the values, the index of the chosen element within its
 *                     {@code H x W} input plane (-1 for a window wholly in the padding); null when no backward
 *                     pass will follow (inference)
 * @param argmaxOffset index in {@code argmax} of channel 0's first output; unused when {@code argmax} is null
 */
record MaxPoolOutput(float[] values, int valuesOffset, int[] argmax, int argmaxOffset) {
}
