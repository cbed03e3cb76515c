package dev.myelin.fashion.api;

import dev.myelin.Myelin;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.predict.ImageInputException;
import dev.myelin.fashion.predict.ImagePreprocessor;
import dev.myelin.fashion.run.ModelLoader;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.fashion.train.PresetModelLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A trained Fashion-MNIST model, ready to classify pictures: load a run folder written by
 * {@code ./fashion train} (or {@code ensemble}), then ask for the most likely classes.
 *
 * <pre>{@code
 * FashionClassifier classifier = FashionClassifier.load(Path.of("runs/cnn"));
 * List<Prediction> top3 = classifier.predict(Files.readAllBytes(Path.of("shoe.png")), true, 3);
 * System.out.println(top3.get(0).className() + " " + top3.get(0).probability());
 * }</pre>
 *
 * <p><b>Inputs.</b> A picture (PNG, JPEG, GIF, BMP or TIFF bytes, or a {@link BufferedImage}) of any
 * size and colour is first made to look like the dataset, as Xiao et al. (2017) made it: luminance
 * {@code 0.299 R + 0.587 G + 0.114 B} (transparent pixels count as background), edges within 5% of the
 * background level (the mean of the four corners) trimmed, that level subtracted and the rest
 * stretched back to [0, 1], the longest side resized to 28 pixels by area averaging, and the result
 * centred on a black 28x28 canvas. The dataset shows light garments on black: for a photo of a dark
 * garment on a light background, pass {@code invert}, which negates the intensities first. Raw pixels,
 * what the model sees, are 784 floats: 28x28, row-major (row 0 at the top), in [0, 1] with 0 the black
 * background.
 *
 * <p><b>Results.</b> A {@link Prediction} holds a label (0 to 9, in the order of {@link #classNames()}),
 * its name and its probability: the softmax of the model's ten scores, so the ten probabilities of an
 * image add up to 1.
 *
 * <p><b>Threads.</b> Every method is safe to call from many threads at once. The models themselves
 * are not (a network's saliency runs a backward pass), so the classifier keeps a small pool of
 * copies: a call borrows one, and when all are busy and fewer than {@code maxCopies} exist it loads
 * another from the run folder; beyond that, callers wait their turn. Each copy costs the model's
 * memory (the size of its {@code model.safetensors}, plus k-NN's 172 MB of stored images).
 *
 * <p><b>Cost of a call.</b> Decoding and resizing the picture (milliseconds for a phone photo,
 * microseconds for a 28x28 PNG), then one forward pass for one image on the calling thread alone
 * ({@link Myelin#onThisThread}: a single image is too little work to share out, and callers on
 * several threads keep the cores busy). docs/deploy.md gives the measured figures.
 * {@link #saliency} adds one backward pass.
 */
public final class FashionClassifier {
    private final RunDirectory run;
    private final ModelLoader loader;
    private final int maxCopies;
    private final BlockingQueue<TrainedModel> idle;
    private final AtomicInteger copies = new AtomicInteger();
    private final String preset;
    private final Optional<String> saliencyUnavailable;
    private final List<String> nonFiniteWeights;

    private FashionClassifier(RunDirectory run, ModelLoader loader, int maxCopies, TrainedModel first) {
        this.run = run;
        this.loader = loader;
        this.maxCopies = maxCopies;
        this.idle = new ArrayBlockingQueue<>(maxCopies);
        this.preset = first.preset();
        this.saliencyUnavailable = first.saliencyUnavailable();
        this.nonFiniteWeights = first.nonFiniteWeights();
        copies.set(1);
        idle.add(first);
    }

    /**
     * Loads the model of a run folder, keeping up to one copy per available processor (see
     * {@link #load(Path, int)}).
     *
     * @param runDir a folder written by {@code ./fashion train} or {@code ./fashion ensemble}, holding
     *     {@code model.safetensors} (or an ensemble's {@code members}) and {@code config.json}
     * @return a classifier with one copy of the model loaded
     * @throws java.nio.file.NoSuchFileException if the folder or its trained model is missing
     * @throws IOException if the folder holds no model this program can read
     */
    public static FashionClassifier load(Path runDir) throws IOException {
        return load(runDir, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads the model of a run folder.
     *
     * @param runDir a folder written by {@code ./fashion train} or {@code ./fashion ensemble}
     * @param maxCopies how many callers can use the model at the same moment (at least 1); each
     *                  copy beyond the first is loaded the first time it is needed
     * @return a classifier with one copy of the model loaded
     * @throws IllegalArgumentException if {@code maxCopies} is less than 1
     * @throws java.nio.file.NoSuchFileException if the folder or its trained model is missing
     * @throws IOException if the folder holds no model this program can read
     */
    public static FashionClassifier load(Path runDir, int maxCopies) throws IOException {
        return load(runDir, maxCopies, new PresetModelLoader());
    }

    /**
     * Loads the model of a run folder with {@code loader} (a test's stand-in, say); otherwise as
     * {@link #load(Path, int)}.
     *
     * @param runDir a run folder, holding {@code model.safetensors} or an ensemble's {@code members}
     * @param maxCopies how many copies of the model may exist at once, at least 1
     * @param loader builds a model from the run folder, called once now and once for each further copy
     * @return a classifier with one copy of the model loaded
     * @throws IllegalArgumentException if {@code maxCopies} is less than 1
     * @throws IOException if the folder or its model is missing, or {@code loader} fails
     */
    public static FashionClassifier load(Path runDir, int maxCopies, ModelLoader loader) throws IOException {
        if (maxCopies < 1) {
            throw new IllegalArgumentException("maxCopies must be at least 1, not " + maxCopies);
        }
        RunDirectory run = RunDirectory.open(runDir);
        return new FashionClassifier(run, loader, maxCopies, run.loadModel(loader));
    }

    /**
     * The names of the ten Fashion-MNIST classes.
     *
     * @return an unmodifiable list in label order, from "T-shirt/top" (label 0) to "Ankle boot" (label 9)
     */
    public List<String> classNames() {
        return FashionMnist.CLASS_NAMES;
    }

    /**
     * The kind of model the run folder holds.
     *
     * @return the preset it was trained as: "mlp", "cnn", "vgg", "resnet", "best", "knn", "softmax",
     *     "svm", "forest" or "ensemble"
     */
    public String preset() {
        return preset;
    }

    /**
     * Whether {@link #saliency} works for this model.
     *
     * @return the reason this model has no saliency map (k-NN and forest scores are not differentiable
     *     in the pixels, nor is an ensemble holding one), or empty when {@link #saliency} works
     */
    public Optional<String> saliencyUnavailable() {
        return saliencyUnavailable;
    }

    /**
     * The names of the weights holding NaN or infinity (state-dict names such as {@code 0.weight}): the
     * training diverged, and every prediction is meaningless. Empty for a sound model; check it after
     * {@link #load}, as {@code ./fashion serve} does, since predictions do not fail, they are only wrong.
     *
     * @return an unmodifiable list of state-dict names, empty when every weight is finite
     */
    public List<String> nonFiniteWeights() {
        return nonFiniteWeights;
    }

    /**
     * A warning to show the user about diverged weights, the one {@code ./fashion} prints on stderr.
     *
     * @return one line naming the first five {@link #nonFiniteWeights()} (and how many more), or empty
     *     when every weight is finite
     */
    public Optional<String> weightsWarning() {
        return TrainedModel.nonFiniteWarning(nonFiniteWeights);
    }

    /**
     * The {@code k} most likely classes of a picture file's bytes, most likely first. Any size up to 100
     * megapixels is accepted and preprocessed as the class comment says; the call may wait for a free
     * copy of the model.
     *
     * @param picture the bytes of a PNG, JPEG, GIF, BMP or TIFF file
     * @param invert true for a dark garment on a light background (a shop photo), false for a light one
     *     on black, as in the dataset
     * @param k how many classes to return, at least 1; more than ten gives all ten
     * @return {@code min(k, 10)} predictions, by decreasing probability (ties by label)
     * @throws ImageInputException (an {@link IOException}) if the bytes are not a picture this program can
     *     read, are larger than 100 megapixels, or claim far more pixels than their size can hold
     * @throws IllegalArgumentException if {@code k} is less than 1
     */
    public List<Prediction> predict(byte[] picture, boolean invert, int k) throws ImageInputException {
        return predictPixels(toPixels(picture, invert, Integer.MAX_VALUE), k);
    }

    /**
     * The 28x28 image the model sees for a picture held in memory: what {@link #predict(byte[], boolean, int)}
     * classifies. Pictures longer than {@code maxSide} pixels on a side are refused from their header,
     * before their pixels are decoded.
     *
     * @param picture the bytes of a PNG, JPEG, GIF, BMP or TIFF file, not null
     * @param invert true for a dark garment on a light background, to negate the intensities first
     * @param maxSide the longest width or height accepted, in pixels ({@link Integer#MAX_VALUE} for no
     *     limit but the 100-megapixel one)
     * @return 784 floats, 28x28 row-major, in [0, 1] with 0 the background: the input of
     *     {@link #predictPixels}, {@link #probabilities} and {@link #saliency}
     * @throws ImageInputException (an {@link IOException}) if the bytes are not a readable picture, or it
     *     is too large
     */
    public static float[] toPixels(byte[] picture, boolean invert, int maxSide) throws ImageInputException {
        Objects.requireNonNull(picture, "picture");
        return ImagePreprocessor.convert(ImagePreprocessor.decode(picture, "the picture", maxSide), invert);
    }

    /**
     * The {@code k} most likely classes of a decoded picture of any size, preprocessed as the class
     * comment says; the call may wait for a free copy of the model.
     *
     * @param picture the picture, of any size and colour model, not null
     * @param invert true for a dark garment on a light background, false for a light one on black
     * @param k how many classes to return, at least 1; more than ten gives all ten
     * @return {@code min(k, 10)} predictions, by decreasing probability (ties by label)
     * @throws IllegalArgumentException if {@code k} is less than 1
     */
    public List<Prediction> predict(BufferedImage picture, boolean invert, int k) {
        return predictPixels(ImagePreprocessor.convert(Objects.requireNonNull(picture, "picture"), invert), k);
    }

    /**
     * The {@code k} most likely classes of an image already in the dataset's form, not preprocessed
     * further.
     *
     * @param pixels 784 floats: 28x28, row-major, in [0, 1], 0 the background; not changed
     * @param k how many classes to return, at least 1; more than ten gives all ten
     * @return {@code min(k, 10)} predictions, by decreasing probability (ties by label)
     * @throws IllegalArgumentException if {@code pixels} is not 784 values in [0, 1] or {@code k} is
     *     less than 1
     */
    public List<Prediction> predictPixels(float[] pixels, int k) {
        return top(probabilities(pixels), k);
    }

    /**
     * The probability of each of the ten classes: the softmax of the model's scores, from one forward
     * pass on the calling thread. The call may wait for a free copy of the model.
     *
     * @param pixels 784 floats: 28x28, row-major, in [0, 1], 0 the background; not changed
     * @return ten probabilities in label order, each in [0, 1], adding up to 1
     * @throws IllegalArgumentException if {@code pixels} is not 784 values in [0, 1] (NaN refused)
     * @throws java.io.UncheckedIOException if another copy of the model was needed and could not be
     *     loaded from the run folder
     */
    public float[] probabilities(float[] pixels) {
        checkPixels(pixels);
        TrainedModel model = borrow();
        try {
            return Myelin.onThisThread(() -> Inference.probabilities(model, new float[][] {pixels.clone()})[0]);
        } finally {
            idle.add(model);
        }
    }

    /**
     * How much each pixel moves the score of {@code label}: the gradient of its logit with respect to
     * the 784 pixels, {@code d logit[label] / d pixels} (Simonyan, Vedaldi and Zisserman 2014, "Deep
     * Inside Convolutional Networks", arXiv:1312.6034). A heat map of its absolute value shows where the
     * model looked. Runs on the calling thread and may wait for a free copy of the model.
     *
     * @param pixels 784 floats: 28x28, row-major, in [0, 1], 0 the background; not changed
     * @param label the class whose score is differentiated, 0 to 9
     * @return 784 signed gradients, 28x28 row-major, in the units of a logit per unit of pixel intensity
     * @throws IllegalArgumentException if {@code pixels} is not 784 values in [0, 1] or {@code label} is
     *     not 0 to 9
     * @throws UnsupportedOperationException if {@link #saliencyUnavailable()} gives a reason
     */
    public float[] saliency(float[] pixels, int label) {
        checkPixels(pixels);
        if (label < 0 || label >= FashionMnist.CLASSES) {
            throw new IllegalArgumentException("label must be 0 to 9, not " + label);
        }
        saliencyUnavailable.ifPresent(why -> {
            throw new UnsupportedOperationException(why);
        });
        TrainedModel model = borrow();
        try {
            return Myelin.onThisThread(() -> model.saliency(new float[][] {pixels.clone()}, new int[] {label})[0]);
        } finally {
            idle.add(model);
        }
    }

    /**
     * The {@code k} largest of ten probabilities as predictions, largest first; uses no model.
     *
     * @param probabilities ten values in label order, such as {@link #probabilities} returns
     * @param k how many to return, at least 1; more than ten gives all ten
     * @return {@code min(k, 10)} unmodifiable predictions, by decreasing probability (ties by label)
     * @throws IllegalArgumentException if {@code k} is less than 1
     */
    public List<Prediction> top(float[] probabilities, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, not " + k);
        }
        List<Prediction> out = new ArrayList<>();
        for (int c : Inference.topK(probabilities, k)) {
            out.add(new Prediction(c, FashionMnist.CLASS_NAMES.get(c), probabilities[c]));
        }
        return List.copyOf(out);
    }

    private static void checkPixels(float[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != FashionMnist.PIXELS) {
            throw new IllegalArgumentException("an image is " + FashionMnist.PIXELS + " pixels (28x28), not " + pixels.length);
        }
        for (float v : pixels) {
            if (!(v >= 0 && v <= 1)) { // also refuses NaN
                throw new IllegalArgumentException("pixels must lie in [0, 1], found " + v);
            }
        }
    }

    /** An idle copy of the model: one waiting, else a new one if the pool may grow, else the next returned. */
    private TrainedModel borrow() {
        TrainedModel model = idle.poll();
        if (model != null) {
            return model;
        }
        if (copies.incrementAndGet() <= maxCopies) {
            try {
                return run.loadModel(loader);
            } catch (IOException e) {
                copies.decrementAndGet();
                throw new UncheckedIOException("cannot load another copy of " + run.dir(), e);
            }
        }
        copies.decrementAndGet();
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        }
    }
}
