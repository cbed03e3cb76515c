package dev.myelin.data;

import dev.myelin.tensor.Generator;

/**
 * A per-sample transformation of an image, done in place and keeping its shape, such as
 * {@link Normalize} or a random augmentation. A {@link DataLoader} applies its transform to each
 * sample after converting it to floats, possibly on several threads at once; the transform must
 * therefore keep no mutable state and draw all its randomness from {@code random}.
 */
@FunctionalInterface
public interface Transform {
    /**
     * Transforms {@code image} in place.
     *
     * @param image one sample, {@code (C, H, W)} floats, read and overwritten; its shape stays the same
     * @param random the sample's own generator, seeded from (loader seed, epoch, dataset index); a
     *     {@link Compose} passes the same generator to each of its transforms in turn
     */
    void apply(ImageView image, Generator random);
}
