package dev.myelin.fashion.train;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;

/**
 * The three image sets of a run, for the models fitted in one pass: training, validation (held out of
 * training, for choosing k or a model) and test. Networks split the same way ({@link Training}).
 */
record DataSplit(ImageSet train, ImageSet validation, ImageSet test) {
    /**
     * The first {@code limit} training images (all when null), of which the last
     * {@link Training#validationImages} are the validation set.
     */
    static DataSplit of(FashionMnist data, Integer limit) {
        ImageSet all = limit == null ? data.train() : data.train().first(Math.min(limit, data.train().size()));
        int trainSize = all.size() - Training.validationImages(all.size());
        return new DataSplit(all.slice(0, trainSize), all.slice(trainSize, all.size()), data.test());
    }
}
