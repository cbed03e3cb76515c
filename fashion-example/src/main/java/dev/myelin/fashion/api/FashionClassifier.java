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
 * <p>Pictures of any size and colour are made to look like the dataset first (luminance, background
 * edges trimmed, longest side resized to 28, centred on black; see {@link ImagePreprocessor}). The
 * dataset shows light garments on black: for a photo of a dark garment on a light background, pass
 * {@code invert}. Raw pixels are 784 floats, 28x28 row-major, in [0, 1] with 0 the background.
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

    /** Loads the model of a run folder, keeping up to one copy per available processor. */
    public static FashionClassifier load(Path runDir) throws IOException {
        return load(runDir, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads the model of a run folder.
     *
     * @param maxCopies how many callers can use the model at the same moment (at least 1); each
     *                  copy beyond the first is loaded the first time it is needed
     * @throws IOException if the folder holds no model this program can read
     */
    public static FashionClassifier load(Path runDir, int maxCopies) throws IOException {
        return load(runDir, maxCopies, new PresetModelLoader());
    }

    /** Loads the model of a run folder with {@code loader} (a test's stand-in, say). */
    public static FashionClassifier load(Path runDir, int maxCopies, ModelLoader loader) throws IOException {
        if (maxCopies < 1) {
            throw new IllegalArgumentException("maxCopies must be at least 1, not " + maxCopies);
        }
        RunDirectory run = RunDirectory.open(runDir);
        return new FashionClassifier(run, loader, maxCopies, run.loadModel(loader));
    }

    /** The ten class names, in label order. */
    public List<String> classNames() {
        return FashionMnist.CLASS_NAMES;
    }

    /** The preset the model was trained as: "cnn", "resnet", "knn", "ensemble", ... */
    public String preset() {
        return preset;
    }

    /** Why this model has no saliency map (k-NN, forest), or empty when {@link #saliency} works. */
    public Optional<String> saliencyUnavailable() {
        return saliencyUnavailable;
    }

    /**
     * The names of the weights holding NaN or infinity (state-dict names such as {@code 0.weight}): the
     * training diverged, and every prediction is meaningless. Empty for a sound model; check it after
     * {@link #load}, as {@code ./fashion serve} does, since predictions do not fail, they are only wrong.
     */
    public List<String> nonFiniteWeights() {
        return nonFiniteWeights;
    }

    /** A warning to show when {@link #nonFiniteWeights()} is not empty, naming them; empty otherwise. */
    public Optional<String> weightsWarning() {
        return TrainedModel.nonFiniteWarning(nonFiniteWeights);
    }

    /**
     * The {@code k} most likely classes of a PNG, JPEG, GIF, BMP or TIFF picture, most likely first;
     * {@code invert} for a dark garment on a light background.
     *
     * @throws ImageInputException if the bytes are not a picture this program can read
     */
    public List<Prediction> predict(byte[] picture, boolean invert, int k) throws ImageInputException {
        return predictPixels(toPixels(picture, invert, Integer.MAX_VALUE), k);
    }

    /**
     * The 28x28 image the model sees for a picture held in memory: what {@link #predict(byte[], boolean, int)}
     * classifies. Pictures longer than {@code maxSide} pixels on a side are refused from their header,
     * before their pixels are decoded.
     *
     * @throws ImageInputException if the bytes are not a readable picture, or it is too large
     */
    public static float[] toPixels(byte[] picture, boolean invert, int maxSide) throws ImageInputException {
        Objects.requireNonNull(picture, "picture");
        return ImagePreprocessor.convert(ImagePreprocessor.decode(picture, "the picture", maxSide), invert);
    }

    /** The {@code k} most likely classes of a picture; {@code invert} for a dark garment on a light background. */
    public List<Prediction> predict(BufferedImage picture, boolean invert, int k) {
        return predictPixels(ImagePreprocessor.convert(Objects.requireNonNull(picture, "picture"), invert), k);
    }

    /** The {@code k} most likely classes of 784 pixels (28x28, row-major, in [0, 1], 0 the background). */
    public List<Prediction> predictPixels(float[] pixels, int k) {
        return top(probabilities(pixels), k);
    }

    /** The probability of each of the ten classes, in label order. */
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
     * the 784 pixels (Simonyan et al., 2014). A heat map of its absolute value shows where the model looked.
     *
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

    /** The {@code k} largest of ten probabilities as predictions, largest first. */
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
