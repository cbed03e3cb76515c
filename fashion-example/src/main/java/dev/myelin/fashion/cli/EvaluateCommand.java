package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.eval.Evaluation;
import dev.myelin.fashion.eval.EvaluationJson;
import dev.myelin.fashion.eval.EvaluationText;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.eval.MirrorAveraged;
import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./fashion evaluate}: accuracy, per-class metrics and the confusion matrix on the test set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Measure a trained model on the 10,000 test images.",
        description = {
            "Prints the accuracy, precision, recall and F1 of every class with their macro averages, "
                    + "and the confusion matrix; writes the same as evaluation.json in the run directory.",
            ""
        })
final class EvaluateCommand implements Callable<Integer> {
    private final FashionContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    RunOption run;

    @Mixin
    DataOption data;

    @Option(names = "--limit", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Evaluate the first N test images only. Default: all.")
    Integer limit;

    @Option(names = "--tta",
            description = "Test-time augmentation: average the class probabilities of each image and its "
                    + "left-right mirror.")
    boolean tta;

    EvaluateCommand(FashionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Limits.check(spec.commandLine(), limit);
        RunDirectory runDir = run.open();
        Path dataDir = data.require(context);
        TrainedModel model = run.loadModel(runDir, context);
        if (tta) {
            model = new MirrorAveraged(model);
        }
        boolean subset = model.classes().size() < FashionMnist.CLASSES;
        ImageSet test = Limits.first(Inference.measuredOn(model, FashionMnist.loadTest(dataDir)), limit);
        Evaluation evaluation = Evaluation.of(test.labels(),
                Inference.predictions(Inference.probabilities(model, test)), FashionMnist.CLASS_NAMES);

        context.out().printf("Run %s (preset %s), %,d test images%s%s%n%n", runDir.dir(), model.preset(), test.size(),
                subset ? " of the classes it was trained on, " + model.classes() : "",
                tta ? ", each averaged with its mirror (--tta)" : "");
        context.out().print(EvaluationText.render(evaluation, FashionMnist.SHORT_NAMES));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("preset", model.preset());
        json.put("tta", tta);
        json.putAll(EvaluationJson.toJson(evaluation));
        Path file = runDir.file(RunDirectory.EVALUATION);
        JsonWriter.write(file, json);
        context.out().println();
        context.out().println("Wrote " + file);
        return 0;
    }
}
