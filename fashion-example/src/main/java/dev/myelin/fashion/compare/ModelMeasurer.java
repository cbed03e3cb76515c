package dev.myelin.fashion.compare;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.eval.Evaluation;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.run.EpochMetrics;
import dev.myelin.fashion.run.Metrics;
import dev.myelin.fashion.run.ModelLoader;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.io.SafetensorsReader;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Measures one run folder for the comparison: its model on the test set, and what the run recorded. */
public final class ModelMeasurer {
    private final ModelLoader loader;
    private final ImageSet test;

    public ModelMeasurer(ModelLoader loader, ImageSet test) {
        this.loader = loader;
        this.test = test;
    }

    /** Loads the run's model, predicts every test image (timed), and reads the run's own figures. */
    public ComparedModel measure(RunDirectory run) throws IOException {
        TrainedModel model = run.loadModel(loader);
        ImageSet test = Inference.measuredOn(model, this.test);
        // One batch first, untimed, so that the figure is the model's speed and not the JIT's warm-up.
        Inference.probabilities(model, test.images(0, Math.min(test.size(), Inference.BATCH)));
        long start = System.nanoTime();
        float[][] probabilities = Inference.probabilities(model, test);
        double micros = (System.nanoTime() - start) / 1e3 / Math.max(1, test.size());
        Evaluation evaluation = Evaluation.of(test.labels(), Inference.predictions(probabilities),
                FashionMnist.CLASS_NAMES);
        Metrics metrics = run.metrics().orElse(new Metrics(java.util.List.of(), java.util.Map.of()));
        long parameters = 0;
        long bytes = 0;
        for (Path file : run.modelFiles()) {
            for (Tensor t : SafetensorsReader.read(file).tensors().values()) {
                parameters += t.size();
            }
            bytes += Files.size(file);
        }
        return new ComparedModel(model.preset(), run.dir(), validationAccuracy(metrics), evaluation,
                trainingSeconds(metrics), micros, parameters, bytes);
    }

    /** The best validation accuracy the training recorded: its final figure, else the best epoch's. */
    static double validationAccuracy(Metrics metrics) {
        if (metrics.test().get("best_validation_accuracy") instanceof Number n && n.doubleValue() >= 0) {
            return n.doubleValue();
        }
        return metrics.history().stream().mapToDouble(EpochMetrics::valAccuracy).filter(Double::isFinite)
                .max().orElse(Double.NaN);
    }

    /** The training time the run recorded: its total, else the sum over its epochs. */
    static double trainingSeconds(Metrics metrics) {
        if (metrics.test().get("training_seconds") instanceof Number n) {
            return n.doubleValue();
        }
        return metrics.history().isEmpty() ? Double.NaN
                : metrics.history().stream().mapToDouble(EpochMetrics::seconds).sum();
    }
}
