/**
 * Datasets, batching and data augmentation for training loops.
 *
 * <p>A {@link dev.myelin.data.Dataset} is a sized, indexed collection of labelled samples; the
 * {@link dev.myelin.data.ImageDataset} keeps images compactly as bytes and converts them to floats
 * only when a batch is built. A {@link dev.myelin.data.DataLoader} turns a dataset into
 * {@link dev.myelin.data.Batch}es, optionally shuffled and augmented by
 * {@link dev.myelin.data.Transform}s, and prepares the next batch on a background thread.
 *
 * <p><b>Reproducibility.</b> All randomness derives from the loader's seed. The order of epoch
 * {@code e} depends only on {@code (seed, e)}; the augmentation of sample {@code i} (its index in the
 * loader's dataset) in epoch {@code e} depends only on {@code (seed, e, i)}, through a
 * {@link dev.myelin.tensor.Generator} of its own. So every sample comes out the same whatever the
 * batch size, the thread count or whether prefetching is on, and a run resumed at epoch {@code e}
 * (see {@link dev.myelin.data.DataLoader#setEpoch(int)}) matches an uninterrupted one.
 */
package dev.myelin.data;
