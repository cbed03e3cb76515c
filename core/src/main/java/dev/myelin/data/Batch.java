package dev.myelin.data;

import dev.myelin.tensor.Tensor;

/**
 * A mini-batch of N samples. Every batch has its own fresh tensor and arrays, so a batch stays valid
 * while the loader prepares the next ones.
 *
 * @param inputs the samples, shape {@code (N, ...sampleShape)}, e.g. {@code (N, C, H, W)} for images
 * @param labels the class label of each sample, length N (ready for {@code crossEntropy(logits, labels)})
 * @param indices the dataset index of each sample, length N
 */
public record Batch(Tensor inputs, int[] labels, int[] indices) {
    /**
     * Checks that the three parts describe the same N samples.
     *
     * @throws IllegalArgumentException if {@code inputs} is a scalar or its first dimension differs from
     *     the number of labels or indices
     */
    public Batch {
        if (inputs.rank() == 0 || inputs.dim(0) != labels.length || labels.length != indices.length) {
            throw new IllegalArgumentException("a batch needs as many labels and indices as input rows, got inputs "
                    + inputs.shape() + ", " + labels.length + " labels and " + indices.length + " indices");
        }
    }

    /**
     * The number of samples in this batch; the last batch of an epoch may hold fewer than the loader's
     * batch size.
     *
     * @return N, the first dimension of {@link #inputs()}
     */
    public int size() {
        return labels.length;
    }
}
