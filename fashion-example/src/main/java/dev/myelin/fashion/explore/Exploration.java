package dev.myelin.fashion.explore;

import dev.myelin.fashion.data.ImageSet;

/**
 * Everything the explore page shows, computed by {@link Explorer}.
 *
 * @param counts images per class in each split
 * @param training the training split, whose images the statistics, histogram, samples and PCA fit describe
 * @param classes the mean and spread of every class in the training split
 * @param pixels the intensity histogram of the training split
 * @param distances the distances between the class means
 * @param samples indices into {@code training} of the sample images, per class
 * @param pca the principal components of the training split
 * @param projection the first test images projected onto the first two components
 */
public record Exploration(
        SplitCounts counts,
        ImageSet training,
        ClassStatistics classes,
        PixelHistogram pixels,
        ClassDistances distances,
        int[][] samples,
        Pca pca,
        Projection projection) {}
