package dev.myelin.fashion.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 60,000 training and 10,000 test images of 28x28
 * grayscale clothing in 10 classes, read from the four original IDX files.
 *
 * @param train the 60,000 training images
 * @param test the 10,000 test images
 */
public record FashionMnist(ImageSet train, ImageSet test) {
    public static final int ROWS = 28;
    public static final int COLS = 28;
    public static final int PIXELS = ROWS * COLS;

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Names of at most five letters, for table columns, indexed by label. */
    public static final List<String> SHORT_NAMES = List.of(
            "Top", "Trous", "Pull", "Dress", "Coat", "Sand", "Shirt", "Sneak", "Bag", "Boot");

    public static final int CLASSES = CLASS_NAMES.size();

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    /** The four files with the MD5 checksums published in the Fashion-MNIST repository. */
    public static final List<DatasetFile> FILES = List.of(
            new DatasetFile(TRAIN_IMAGES, "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            new DatasetFile(TRAIN_LABELS, "25c81989df183df01b3e8a0aad5dffbe"),
            new DatasetFile(TEST_IMAGES, "bef4ecab320f06d8554ea6380940ec79"),
            new DatasetFile(TEST_LABELS, "bb300cfdad3c16e7a12a480ee83cd310"));

    /** Loads both splits from {@code dir}. */
    public static FashionMnist load(Path dir) throws IOException {
        requirePresent(dir);
        return new FashionMnist(loadTrain(dir), loadTest(dir));
    }

    /** Loads the 60,000 training images. */
    public static ImageSet loadTrain(Path dir) throws IOException {
        return loadSplit(dir, TRAIN_IMAGES, TRAIN_LABELS);
    }

    /** Loads the 10,000 test images. */
    public static ImageSet loadTest(Path dir) throws IOException {
        return loadSplit(dir, TEST_IMAGES, TEST_LABELS);
    }

    /** The names of the dataset files that {@code dir} lacks; empty when all four are there. */
    public static List<String> missingFiles(Path dir) {
        return FILES.stream().map(DatasetFile::name).filter(name -> !Files.isRegularFile(dir.resolve(name))).toList();
    }

    private static void requirePresent(Path dir) throws MissingDataException {
        List<String> missing = missingFiles(dir);
        if (!missing.isEmpty()) {
            throw new MissingDataException(dir, missing);
        }
    }

    private static ImageSet loadSplit(Path dir, String imagesName, String labelsName) throws IOException {
        Path imagesFile = dir.resolve(imagesName);
        Path labelsFile = dir.resolve(labelsName);
        List<String> missing = List.of(imagesName, labelsName).stream()
                .filter(name -> !Files.isRegularFile(dir.resolve(name))).toList();
        if (!missing.isEmpty()) {
            throw new MissingDataException(dir, missing);
        }
        // Labels first: they are small, and their count lets the image reader refuse a mismatch
        // before it allocates the pixels.
        int[] labels = Idx.readLabels(labelsFile, CLASSES);
        IdxImages images = Idx.readImages(imagesFile, ROWS, COLS, labels.length);
        return new ImageSet(images.pixels(), labels, ROWS, COLS);
    }
}
