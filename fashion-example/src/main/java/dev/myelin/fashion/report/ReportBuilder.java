package dev.myelin.fashion.report;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.eval.Evaluation;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Runs the model over the test images and gathers what the report shows. */
public final class ReportBuilder {
    private ReportBuilder() {}

    /**
     * @param mistakes how many of the most confident mistakes to show
     */
    public static ReportContent build(RunDirectory run, TrainedModel model, ImageSet test, int mistakes,
            Path reportFile, ZonedDateTime now) throws IOException {
        float[][] probabilities = Inference.probabilities(model, test);
        int[] predicted = Inference.predictions(probabilities);
        Evaluation evaluation = Evaluation.of(test.labels(), predicted, FashionMnist.CLASS_NAMES);
        return new ReportContent(
                run.name(),
                model.preset(),
                run.config().orElse(Map.of()),
                run.metrics().orElse(null),
                evaluation,
                test,
                mostConfidentMistakes(test.labels(), predicted, probabilities, mistakes),
                model.saliencyUnavailable().isPresent() ? List.of() : saliencySamples(model, test, predicted, probabilities),
                model.saliencyUnavailable().orElse(null),
                model.saliencyUnavailable().isPresent() ? model.pixelImportance().orElse(null) : null,
                StudyLinks.find(run, reportFile),
                now);
    }

    static List<ReportContent.Mistake> mostConfidentMistakes(int[] labels, int[] predicted, float[][] probabilities, int n) {
        List<ReportContent.Mistake> mistakes = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] != labels[i]) {
                mistakes.add(new ReportContent.Mistake(i, labels[i], predicted[i], probabilities[i][predicted[i]]));
            }
        }
        mistakes.sort(Comparator.comparingDouble(ReportContent.Mistake::confidence).reversed()
                .thenComparingInt(ReportContent.Mistake::index));
        return List.copyOf(mistakes.subList(0, Math.min(n, mistakes.size())));
    }

    /** For each class, its first test image that the model got right (or, failing that, its first). */
    static List<ReportContent.SaliencySample> saliencySamples(TrainedModel model, ImageSet test, int[] predicted,
            float[][] probabilities) {
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < FashionMnist.CLASSES; c++) {
            int first = -1;
            int firstRight = -1;
            for (int i = 0; i < test.size() && firstRight < 0; i++) {
                if (test.label(i) == c) {
                    first = first < 0 ? i : first;
                    firstRight = predicted[i] == c ? i : -1;
                }
            }
            if (first >= 0) {
                chosen.add(firstRight >= 0 ? firstRight : first);
            }
        }
        float[][] images = new float[chosen.size()][];
        int[] classes = new int[chosen.size()];
        for (int k = 0; k < chosen.size(); k++) {
            images[k] = test.image(chosen.get(k));
            classes[k] = test.label(chosen.get(k));
        }
        float[][] maps = chosen.isEmpty() ? new float[0][] : model.saliency(images, classes);
        List<ReportContent.SaliencySample> samples = new ArrayList<>();
        for (int k = 0; k < chosen.size(); k++) {
            int i = chosen.get(k);
            samples.add(new ReportContent.SaliencySample(i, classes[k], predicted[i], probabilities[i][classes[k]], maps[k]));
        }
        return samples;
    }
}
