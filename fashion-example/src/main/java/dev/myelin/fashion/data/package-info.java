/**
 * The Fashion-MNIST files: the IDX reader, which validates headers before it allocates, the
 * {@link dev.myelin.fashion.data.ImageSet} of images and labels, and where the data is looked for
 * ({@link dev.myelin.fashion.data.DataLocation}).
 */
package dev.myelin.fashion.data;
