package dev.myelin.fashion.classic.knn;

import dev.myelin.fashion.classic.ModelFileException;
import dev.myelin.fashion.classic.ModelFileHeader;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.io.SafetensorsFile;
import dev.myelin.io.SafetensorsWriter;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link KnnClassifier} in a safetensors file. The layout, format version 1:
 *
 * <table>
 *   <caption>Tensors (F32)</caption>
 *   <tr><th>name</th><th>shape</th><th>contents</th></tr>
 *   <tr><td>{@code images}</td><td>[n, 784]</td><td>the reference images, row-major 28x28, values in [0, 1]</td></tr>
 *   <tr><td>{@code labels}</td><td>[n]</td><td>the class of each image, an integer 0 to 9 stored as a float</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Metadata (strings)</caption>
 *   <tr><th>key</th><th>value</th></tr>
 *   <tr><td>{@code myelin.model}</td><td>{@code knn}</td></tr>
 *   <tr><td>{@code format_version}</td><td>{@code 1}</td></tr>
 *   <tr><td>{@code k}</td><td>the number of neighbours that vote, 1 to n, in decimal</td></tr>
 * </table>
 *
 * <p>No other tensors may be present. {@link #load} checks all of this before it builds the model,
 * and says what is wrong in a {@link ModelFileException}.
 */
public final class KnnFile {
    public static final String K_KEY = "k";
    public static final String VERSION = "1";
    public static final String IMAGES = "images";
    public static final String LABELS = "labels";

    private KnnFile() {}

    /** Writes {@code model} to {@code file}, replacing it atomically if it exists. */
    public static void save(Path file, KnnClassifier model) throws IOException {
        int[] labels = model.labels();
        float[] labelValues = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            labelValues[i] = labels[i];
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put(IMAGES, model.images());
        tensors.put(LABELS, Tensor.of(labelValues));
        Map<String, String> metadata = ModelFileHeader.metadata(KnnClassifier.PRESET, VERSION);
        metadata.put(K_KEY, Integer.toString(model.k()));
        SafetensorsWriter.write(file, tensors, metadata);
    }

    /**
     * Reads a classifier written by {@link #save}.
     *
     * @throws ModelFileException if the file is not a valid safetensors file or not a valid k-NN model
     * @throws IOException if the file cannot be read
     */
    public static KnnClassifier load(Path file) throws IOException {
        SafetensorsFile contents = ModelFileHeader.read(file, KnnClassifier.PRESET, VERSION);
        if (!contents.tensors().keySet().equals(Set.of(IMAGES, LABELS))) {
            throw new ModelFileException(file, "a k-NN model holds the tensors " + IMAGES + " and " + LABELS
                    + ", this file holds " + contents.tensors().keySet());
        }
        Tensor images = contents.tensors().get(IMAGES);
        Tensor labelValues = contents.tensors().get(LABELS);
        int n = checkImages(file, images);
        int[] labels = checkLabels(file, labelValues, n);
        int k = checkK(file, contents.metadata().get(K_KEY), n);
        return new KnnClassifier(images, labels, k);
    }

    /** The number of images, after checking their shape and values. */
    private static int checkImages(Path file, Tensor images) throws ModelFileException {
        if (images.rank() != 2 || images.dim(0) < 1 || images.dim(1) != FashionMnist.PIXELS) {
            throw new ModelFileException(file, "'" + IMAGES + "' has shape " + images.shape()
                    + ", not [n, " + FashionMnist.PIXELS + "] with n >= 1");
        }
        float[] values = images.array();
        int start = images.arrayOffset();
        for (int i = 0; i < images.size(); i++) {
            float v = values[start + i];
            if (!(v >= 0f && v <= 1f)) {
                throw new ModelFileException(file, "'" + IMAGES + "' image " + i / FashionMnist.PIXELS + " pixel "
                        + i % FashionMnist.PIXELS + " is " + v + ", not a value in [0, 1]");
            }
        }
        return images.dim(0);
    }

    private static int[] checkLabels(Path file, Tensor labelValues, int n) throws ModelFileException {
        if (labelValues.rank() != 1 || labelValues.dim(0) != n) {
            throw new ModelFileException(file, "'" + LABELS + "' has shape " + labelValues.shape() + ", not [" + n
                    + "] to match the " + n + " images");
        }
        float[] values = labelValues.array();
        int start = labelValues.arrayOffset();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float v = values[start + i];
            if (!(v >= 0 && v < FashionMnist.CLASSES && v == Math.rint(v))) {
                throw new ModelFileException(file, "'" + LABELS + "' entry " + i + " is " + v
                        + ", not a class 0 to " + (FashionMnist.CLASSES - 1));
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    private static int checkK(Path file, String text, int n) throws ModelFileException {
        if (text == null) {
            throw new ModelFileException(file, "no '" + K_KEY + "' metadata");
        }
        int k;
        try {
            k = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "'" + K_KEY + "' metadata is '" + text + "', not a whole number");
        }
        if (k < 1 || k > n) {
            throw new ModelFileException(file, "k = " + k + " is not between 1 and the " + n + " reference images");
        }
        return k;
    }

    /** The reader's message without the file name it starts with, which ours repeats. */
}
