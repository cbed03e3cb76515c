package dev.myelin.data;

/**
 * A sized, indexed collection of labelled samples, each a block of floats of a fixed shape.
 *
 * <p>The {@link DataLoader} calls {@link #label} and {@link #readInto} from several threads at once
 * (for different indices), so implementations must be safe for concurrent reads.
 */
public interface Dataset {
    /** The number of samples; indices run from 0 to {@code size() - 1}. */
    int size();

    /** The shape of one sample, e.g. {@code {C, H, W}} for images; the same for every sample. */
    int[] sampleShape();

    /** The class label of sample {@code index}, a non-negative integer. */
    int label(int index);

    /**
     * Writes sample {@code index} as floats, row-major in its {@link #sampleShape()}, into
     * {@code destination[offset ..]}.
     */
    void readInto(int index, float[] destination, int offset);
}
