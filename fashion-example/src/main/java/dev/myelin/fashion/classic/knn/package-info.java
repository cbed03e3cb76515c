/**
 * k-nearest neighbours for Fashion-MNIST: the training images themselves are the model, and an
 * image gets the majority label of its k nearest training images.
 *
 * <ul>
 *   <li>{@link dev.myelin.fashion.classic.knn.NearestNeighbours} is the exact search: squared
 *       Euclidean distances for a block of queries at once through Myelin's GEMM
 *       ({@code |q|² + |r|² - 2 q·r}), then the k smallest of each row, chosen in parallel over
 *       rows; nearest first, equal distances by the smaller reference index. Its result is a
 *       {@link dev.myelin.fashion.classic.knn.Neighbours}.
 *   <li>{@link dev.myelin.fashion.classic.knn.KnnClassifier} is the model, a
 *       {@link dev.myelin.fashion.run.TrainedModel}: majority vote, a tie going to the tied class
 *       whose nearest member is closest; logits are the log vote shares. It has no saliency map.
 *   <li>{@link dev.myelin.fashion.classic.knn.KnnTraining} chooses k on validation images
 *       (default candidates 1, 3, 5, 7, 9; the smallest k on a tie) with a single search, and
 *       returns a {@link dev.myelin.fashion.classic.knn.KnnFit}.
 *   <li>{@link dev.myelin.fashion.classic.knn.KnnFile} saves and loads the model.
 * </ul>
 *
 * <p>The file is safetensors with two F32 tensors, {@code images} {@code [n, 784]} (pixels in
 * [0, 1]) and {@code labels} {@code [n]} (integers 0 to 9), and the metadata
 * {@code {"myelin.model": "knn", "format_version": "1", "k": "<k>"}}; see {@code KnnFile}.
 */
package dev.myelin.fashion.classic.knn;
