package dev.myelin.fashion.classic.knn;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The k-nearest-neighbours classifier: it keeps the reference images with their labels, and labels an
 * image by a majority vote among its {@code k} nearest reference images (squared Euclidean distance
 * on pixels in [0, 1]). A tie between classes goes to the tied class whose nearest member is closest.
 *
 * <p>Its logits are the logarithms of the vote shares, so softmax gives the shares back; a class
 * without votes counts as a thousandth of a vote, and the winner is raised just above any class tied
 * with it, so that the largest logit is always the predicted class.
 */
public final class KnnClassifier implements TrainedModel {
    /** The preset name, as on the command line and in the model file. */
    public static final String PRESET = "knn";

    private final NearestNeighbours search;
    private final int[] labels;
    private final int k;

    /**
     * A classifier over {@code images}; their squared norms are computed here, once.
     *
     * @param images the reference images, a tensor {@code [n, 784]} of values in [0, 1]; not copied,
     *     so it must not change afterwards
     * @param labels the class of each reference image, 0 to 9
     * @param k the number of neighbours that vote, 1 to n
     * @throws IllegalArgumentException if the shapes do not agree, a label is not a class or k is out of range
     */
    public KnnClassifier(Tensor images, int[] labels, int k) {
        this(new NearestNeighbours(checkImages(images)), checkLabels(labels.clone(), images.dim(0)), k);
    }

    private KnnClassifier(NearestNeighbours search, int[] labels, int k) {
        if (k < 1 || k > search.size()) {
            throw new IllegalArgumentException("k = " + k + " must be between 1 and the " + search.size()
                    + " reference images");
        }
        this.search = search;
        this.labels = labels;
        this.k = k;
    }

    /** A classifier over all images of {@code references}. */
    public static KnnClassifier of(ImageSet references, int k) {
        return new KnnClassifier(ImageRows.of(references), references.labels(), k);
    }

    /** The same reference images, voting with {@code k} neighbours instead; nothing is copied. */
    public KnnClassifier withK(int k) {
        return new KnnClassifier(search, labels, k);
    }

    /** The number of neighbours that vote. */
    public int k() {
        return k;
    }

    /** The number of reference images. */
    public int size() {
        return labels.length;
    }

    /** The reference images, {@code [n, 784]} (not a copy: do not change it). */
    public Tensor images() {
        return search.references();
    }

    /** The label of each reference image (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public float[][] logits(float[][] images) {
        Neighbours neighbours = search.search(ImageRows.of(images), k);
        float[][] logits = new float[images.length][];
        for (int q = 0; q < images.length; q++) {
            logits[q] = MajorityVote.logits(rankedLabels(neighbours, q), k);
        }
        return logits;
    }

    /** The predicted class of each of {@code images} (rows of 784 values in [0, 1]). */
    public int[] predict(float[][] images) {
        return predictForEachK(ImageRows.of(images), new int[] {k}, rows -> { })[0];
    }

    /**
     * The predicted classes of {@code images}, a tensor {@code [m, 784]}, for each of {@code ks} from a
     * single search with the largest of them: the nearest {@code k} of a longer neighbour list are
     * exactly the {@code k} nearest. This model's own {@code k} plays no part.
     *
     * @param progress told how many more images are searched, block after block
     * @return one row of {@code m} predictions per entry of {@code ks}, in the same order
     */
    public int[][] predictForEachK(Tensor images, int[] ks, IntConsumer progress) {
        if (ks.length == 0) {
            throw new IllegalArgumentException("no k to predict with");
        }
        int largest = Arrays.stream(ks).max().getAsInt();
        Neighbours neighbours = search.search(images, largest, progress);
        int[][] predictions = new int[ks.length][neighbours.queries()];
        for (int q = 0; q < neighbours.queries(); q++) {
            int[] ranked = rankedLabels(neighbours, q);
            for (int i = 0; i < ks.length; i++) {
                predictions[i][q] = MajorityVote.winner(ranked, ks[i]);
            }
        }
        return predictions;
    }

    private int[] rankedLabels(Neighbours neighbours, int query) {
        int[] ranked = new int[neighbours.k()];
        for (int rank = 0; rank < ranked.length; rank++) {
            ranked[rank] = labels[neighbours.index(query, rank)];
        }
        return ranked;
    }

    /** Always throws: see {@link #saliencyUnavailable()}. */
    @Override
    public float[][] saliency(float[][] images, int[] classes) {
        throw new UnsupportedOperationException(saliencyUnavailable().orElseThrow());
    }

    @Override
    public Optional<String> saliencyUnavailable() {
        return Optional.of("k-NN has no saliency map: its vote counts change in steps as neighbours come and go, "
                + "so they have no gradient with respect to the pixels");
    }

    @Override
    public String preset() {
        return PRESET;
    }

    private static Tensor checkImages(Tensor images) {
        if (images.rank() != 2 || images.dim(1) != FashionMnist.PIXELS || images.dim(0) < 1) {
            throw new IllegalArgumentException("reference images must be a tensor [n, " + FashionMnist.PIXELS
                    + "] with n >= 1, got shape " + images.shape());
        }
        return images;
    }

    private static int[] checkLabels(int[] labels, int images) {
        if (labels.length != images) {
            throw new IllegalArgumentException(labels.length + " labels for " + images + " reference images");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= FashionMnist.CLASSES) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", not a class 0.."
                        + (FashionMnist.CLASSES - 1));
            }
        }
        return labels;
    }
}
