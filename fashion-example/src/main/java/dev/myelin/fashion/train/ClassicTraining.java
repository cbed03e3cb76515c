package dev.myelin.fashion.train;

import dev.myelin.Myelin;
import dev.myelin.fashion.classic.forest.ForestFile;
import dev.myelin.fashion.classic.forest.ForestOptions;
import dev.myelin.fashion.classic.forest.ForestTraining;
import dev.myelin.fashion.classic.forest.RandomForest;
import dev.myelin.fashion.classic.knn.KnnFile;
import dev.myelin.fashion.classic.knn.KnnFit;
import dev.myelin.fashion.classic.knn.KnnTraining;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.eval.Evaluation;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.fashion.run.Metrics;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits a classic model (k-NN, a random forest) and writes its run folder as {@link Training} does
 * for the networks: {@code config.json} first, then {@code model.safetensors}, then
 * {@code metrics.json} with the test figures. There are no epochs, so there is no history and no
 * checkpoint; the choices the model made on the validation images are in the metrics.
 */
public final class ClassicTraining {
    /** The k that k-NN tries on the validation images. */
    static final int[] KNN_CANDIDATES = {1, 3, 5, 7, 9};

    private ClassicTraining() {
    }

    /** A fitted model, its score on the validation images, and what it chose there. */
    private record Fitted(TrainedModel model, double validationAccuracy, Map<String, Object> choices,
            ModelWriter writer) {
    }

    @FunctionalInterface
    private interface ModelWriter {
        void write(Path file) throws IOException;
    }

    /** Fits as {@code options} say, printing progress to {@code out}, and writes the run folder. */
    public static void run(TrainOptions options, PrintStream out) throws Exception {
        if (options.threads() != null) {
            Myelin.setThreads(options.threads());
        }
        Path dir = options.out();
        Files.createDirectories(dir);
        DataSplit split = DataSplit.of(FashionMnist.load(options.data()), options.limit());
        Map<String, Object> resolved = new LinkedHashMap<>();
        if (options.model() == ModelPreset.FOREST) {
            resolved.put("trees", forestOptions(options).trees());
        } else {
            resolved.put("k_candidates", Arrays.stream(KNN_CANDIDATES).boxed().toList());
        }
        writeConfig(dir, options, resolved);
        out.printf(Locale.ROOT, "fitting %s on %,d images; %,d validation, %,d test images; %d threads%n",
                options.model(), split.train().size(), split.validation().size(), split.test().size(),
                Myelin.threads());

        long start = System.nanoTime();
        Fitted fitted = switch (options.model()) {
            case KNN -> knn(split, out);
            case FOREST -> forest(split, forestOptions(options), out);
            default -> throw new IllegalArgumentException(options.model() + " is trained in epochs, not fitted");
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        fitted.writer().write(dir.resolve(RunDirectory.MODEL));

        double testAccuracy = accuracy(fitted.model(), split.test());
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("accuracy", testAccuracy);
        test.put("images", split.test().size());
        test.put("best_validation_accuracy", fitted.validationAccuracy());
        test.put("training_seconds", seconds);
        test.putAll(fitted.choices());
        MetricsFile.write(dir, new Metrics(List.of(), test));
        out.printf(Locale.ROOT, "validation accuracy %.2f%%, test accuracy %.2f%%; fitted in %.1f s; run written to %s%n",
                100 * fitted.validationAccuracy(), 100 * testAccuracy, seconds, dir);
    }

    private static Fitted knn(DataSplit split, PrintStream out) {
        KnnFit fit = KnnTraining.fit(split.train(), split.validation(), KNN_CANDIDATES, out);
        Map<String, Object> choices = new LinkedHashMap<>();
        choices.put("k", fit.k());
        Map<String, Object> byK = new LinkedHashMap<>();
        fit.validationAccuracy().forEach((k, accuracy) -> byK.put(Integer.toString(k), accuracy));
        choices.put("validation_accuracy_by_k", byK);
        out.printf(Locale.ROOT, "k = %d chosen on the validation images%n", fit.k());
        return new Fitted(fit.model(), fit.validationAccuracy().get(fit.k()), choices,
                file -> KnnFile.save(file, fit.model()));
    }

    private static Fitted forest(DataSplit split, ForestOptions options, PrintStream out) {
        RandomForest forest = ForestTraining.fit(split.train(), options, out);
        Map<String, Object> choices = new LinkedHashMap<>();
        choices.put("trees", forest.treeCount());
        choices.put("nodes", forest.nodeCount());
        return new Fitted(forest, accuracy(forest, split.validation()), choices, file -> ForestFile.save(file, forest));
    }

    static ForestOptions forestOptions(TrainOptions options) {
        ForestOptions defaults = ForestOptions.defaults(options.seed());
        return options.trees() == null ? defaults : defaults.withTrees(options.trees());
    }

    /** The fraction of {@code images} the model labels right; NaN for none. */
    private static double accuracy(TrainedModel model, ImageSet images) {
        int[] predicted = Inference.predictions(Inference.probabilities(model, images));
        return Evaluation.of(images.labels(), predicted, FashionMnist.CLASS_NAMES).accuracy();
    }

    private static void writeConfig(Path dir, TrainOptions options, Map<String, Object> resolved) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>(options.toJson());
        config.put("resolved", resolved);
        JsonWriter.write(dir.resolve(RunDirectory.CONFIG), config);
    }
}
