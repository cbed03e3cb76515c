package dev.myelin.fashion.run;

/**
 * A trained classifier as the evaluate, report and predict commands see it.
 *
 * <p>Images are rows of {@value dev.myelin.fashion.data.FashionMnist#PIXELS} floats, 28x28 row-major,
 * scaled to [0, 1] with 0 the background (as the dataset's bytes divided by 255); any normalisation
 * the model was trained with is the model's business. Callers pass at most a few hundred images at a
 * time. Implementations run in evaluation mode (no dropout, running batch-norm statistics) and need
 * not be thread-safe.
 */
public interface TrainedModel {
    /** One row of 10 unnormalised class scores per image, in label order. */
    float[][] logits(float[][] images);

    /**
     * The gradient of the logit of {@code classes[i]} with respect to each pixel of {@code images[i]},
     * one row of 784 values per image. The report shows its absolute value as a heat map.
     */
    float[][] saliency(float[][] images, int[] classes);

    /** The name of the preset the model was built from: "mlp", "cnn" or "best". */
    String preset();
}
