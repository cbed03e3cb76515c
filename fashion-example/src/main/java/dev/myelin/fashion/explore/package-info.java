/**
 * {@code ./fashion explore}: a look at Fashion-MNIST before any model is trained. It counts the
 * images of every class in the training, validation and test splits, draws each class's mean image
 * and per-pixel spread, the histogram of pixel intensities, which class means lie closest together,
 * a grid of samples, and a two-dimensional PCA projection computed with Myelin's tensors; the
 * results go to a self-contained HTML page ({@link ExplorePage}) and a JSON file ({@link ExploreJson}).
 */
package dev.myelin.fashion.explore;
