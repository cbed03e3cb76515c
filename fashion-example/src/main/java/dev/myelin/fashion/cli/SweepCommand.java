package dev.myelin.fashion.cli;

import dev.myelin.fashion.sweep.Sweep;
import dev.myelin.fashion.train.ModelPreset;
import dev.myelin.fashion.train.Recipe;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./fashion sweep}: hyper-parameter search with successive halving, chosen on the validation split. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Search a preset's hyper-parameters: random trials, successive halving, chosen on validation.",
        description = {
            "Draws --trials settings of the learning rate (a tenth to three times the preset's), weight decay, "
                    + "batch size (32, 64, 128), dropout (presets with dropout layers) and label smoothing. "
                    + "Every trial trains a few epochs of the full schedule; the best third (--eta) go on "
                    + "three times as long, and so on until the survivors finish the schedule. Trials are "
                    + "ranked on the validation split (the last 5,000 training images); the test set is not "
                    + "looked at. Writes trials/N (ordinary run folders), sweep.json (progress), sweep.md "
                    + "(the ranked table) and best-config.json, which ./fashion train --config reuses. "
                    + "A killed sweep started again with the same options goes on where it stopped.",
            ""
        })
final class SweepCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final FashionContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "PRESET", defaultValue = "cnn",
            description = "Preset to tune: mlp, cnn, vgg, resnet, best, softmax, svm.")
    ModelPreset model;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "9",
            description = "Settings to try.")
    int trials;

    @Option(names = "--budget-minutes", paramLabel = "T", showDefaultValue = Visibility.NEVER,
            description = "Start no more training after T minutes (counted across resumes), and rank what was "
                    + "done. Default: no limit.")
    Double budgetMinutes;

    @Option(names = "--epochs", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Epochs of the schedule the last survivors finish. Default: the preset's.")
    Integer epochs;

    @Option(names = "--eta", paramLabel = "N", defaultValue = "3",
            description = "Halving rate: each rung keeps the best 1/N of its trials and trains them N times longer.")
    int eta;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the drawn settings and of every trial's training.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Worker threads. Default: one per available processor.")
    Integer threads;

    @Option(names = "--limit", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Train on the first N training images only, for a quick sweep. Default: all 60,000.")
    Integer limit;

    @Option(names = "--out", paramLabel = "DIR", showDefaultValue = Visibility.NEVER,
            description = "Sweep folder to write, or to resume. Default: runs/sweep-<model>-<yyyyMMdd-HHmmss>.")
    Path out;

    @Mixin
    DataOption data;

    SweepCommand(FashionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (!model.trainedInEpochs()) {
            throw usage(model + " is fitted in one pass; sweep tunes the presets trained in epochs");
        }
        if (trials < 1) {
            throw usage("--trials must be at least 1, not " + trials);
        }
        if (eta < 2) {
            throw usage("--eta must be at least 2, not " + eta);
        }
        if (epochs != null && epochs < 1 || limit != null && limit < 1 || threads != null && threads < 1) {
            throw usage("--epochs, --limit and --threads must be at least 1");
        }
        if (budgetMinutes != null && !(budgetMinutes > 0)) {
            throw usage("--budget-minutes must be positive, not " + budgetMinutes);
        }
        Path dataDir = data.requireOrDownload(context);
        Path dir = out != null ? out
                : Path.of("runs", "sweep-" + model + "-" + LocalDateTime.now(context.clock()).format(STAMP));
        int schedule = epochs != null ? epochs : Recipe.defaults(model).epochs();
        Sweep.run(new Sweep.Options(model, trials, schedule, eta, seed, budgetMinutes, threads, limit, dataDir, dir),
                context.trainer()::train, context.out());
        context.out().println();
        context.out().println("Wrote " + dir.resolve(Sweep.TABLE) + " and " + dir.resolve(Sweep.BEST));
        context.out().println("Next: ./fashion train --config " + dir.resolve(Sweep.BEST));
        return 0;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
