package dev.myelin.data;

/**
 * A sized, indexed collection of labelled samples, each a block of floats of a fixed shape.
 *
 * <p>The {@link DataLoader} calls {@link #label} and {@link #readInto} from several threads at once
 * (for different indices), so implementations must be safe for concurrent reads.
 */
public interface Dataset {
    /**
     * The number of samples.
     *
     * @return N, non-negative; indices run from 0 to {@code size() - 1}
     */
    int size();

    /**
     * The shape of one sample, the same for every sample. A loader's batches have shape
     * {@code (N, ...sampleShape)}; its transforms need {@code {C, H, W}}.
     *
     * @return the dimensions, e.g. {@code {C, H, W}} for images; the caller may change the array
     */
    int[] sampleShape();

    /**
     * The class label of one sample.
     *
     * @param index the sample, in {@code [0, size())}
     * @return a non-negative class index, as {@code crossEntropy} expects
     */
    int label(int index);

    /**
     * Writes sample {@code index} as floats, row-major in its {@link #sampleShape()}, into
     * {@code destination[offset ..]}.
     *
     * @param index the sample, in {@code [0, size())}
     * @param destination the array to write into, e.g. a batch tensor's storage
     * @param offset where the sample's first float goes; the product of {@link #sampleShape()} floats are
     *     written from there
     */
    void readInto(int index, float[] destination, int offset);
}
