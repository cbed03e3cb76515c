package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.DataLocation;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.train.ModelPreset;
import dev.myelin.fashion.train.OptimizerKind;
import dev.myelin.fashion.train.ScheduleKind;
import dev.myelin.fashion.train.TrainOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./fashion train}: parses the options into a {@link TrainOptions} and hands it to the trainer. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Train a model on Fashion-MNIST: a network, a linear model or a classic one.",
        description = {
            "Trains the chosen model and writes a run directory: model.safetensors, config.json, "
                    + "metrics.json, and for the models trained in epochs (mlp, cnn, best, softmax, svm) "
                    + "history.csv and a checkpoint. knn and forest are fitted in one pass: k-NN chooses k "
                    + "from 1, 3, 5, 7, 9 on the validation images; the forest grows --trees trees. "
                    + "The last 5,000 training images (a sixth with --limit) are held out for validation. "
                    + "Downloads the data first if it is missing. Options left out take the model's defaults.",
            ""
        })
final class TrainCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final FashionContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "PRESET", defaultValue = "cnn",
            description = "Model: ${COMPLETION-CANDIDATES}.")
    ModelPreset model;

    @Option(names = "--epochs", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Passes over the training set. Default: the preset's.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + TrainOptions.DEFAULT_BATCH_SIZE,
            description = "Images per optimisation step.")
    int batchSize;

    @Option(names = "--lr", paramLabel = "X", showDefaultValue = Visibility.NEVER,
            description = "(Peak) learning rate. Default: the preset's.")
    Double learningRate;

    @Option(names = "--optimizer", paramLabel = "NAME", showDefaultValue = Visibility.NEVER,
            description = "Optimizer: ${COMPLETION-CANDIDATES}. Default: the preset's.")
    OptimizerKind optimizer;

    @Option(names = "--schedule", paramLabel = "NAME", showDefaultValue = Visibility.NEVER,
            description = "Learning-rate schedule: ${COMPLETION-CANDIDATES}. Default: the preset's.")
    ScheduleKind schedule;

    @Option(names = "--augment", negatable = true, showDefaultValue = Visibility.NEVER,
            description = "Augment training images (random crops and flips); --no-augment turns it off. "
                    + "Default: the preset's.")
    Boolean augment;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + TrainOptions.DEFAULT_SEED,
            description = "Seed of every random choice: the same seed gives the same weights.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Worker threads. Default: one per available processor.")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", showDefaultValue = Visibility.NEVER,
            description = "Run directory to write. Default: runs/<model>-<yyyyMMdd-HHmmss>.")
    Path out;

    @Option(names = "--resume",
            description = "Continue the run in --out from its checkpoint.")
    boolean resume;

    @Option(names = "--init-from", paramLabel = "RUN", showDefaultValue = Visibility.NEVER,
            description = "Start from the weights of another run (fine-tuning). Default: fresh weights.")
    Path initFrom;

    @Option(names = "--freeze", paramLabel = "PREFIX", arity = "1..*", showDefaultValue = Visibility.NEVER,
            description = "Do not train parameters whose names start with PREFIX (with --init-from). "
                    + "Default: train all.")
    List<String> freeze = new ArrayList<>();

    @Mixin
    DataOption data;

    @Option(names = "--limit", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Train on the first N training images only, for quick runs. Default: all 60,000.")
    Integer limit;

    @Option(names = "--trees", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Trees of the forest (--model forest only). Default: 100.")
    Integer trees;

    TrainCommand(FashionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        TrainOptions options = options();
        checkRunDirectories(options);
        DataLocation location = data.location(context);
        List<String> missing = FashionMnist.missingFiles(location.dir());
        if (!missing.isEmpty()) {
            context.out().println("Fashion-MNIST is not in " + location.dir() + " yet; downloading it first.");
            DownloadCommand.fetch(context, location.dir());
        }
        context.trainer().train(options, context.out());
        context.out().println();
        context.out().println("Next: ./fashion evaluate --run " + options.out());
        context.out().println("      ./fashion report --run " + options.out());
        return 0;
    }

    /** The parsed options, checked, with the run directory chosen. */
    TrainOptions options() {
        positive("--epochs", epochs);
        positive("--batch-size", batchSize);
        positive("--threads", threads);
        positive("--limit", limit);
        positive("--trees", trees);
        checkModelOptions();
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw usage("--lr must be a positive number, not " + learningRate);
        }
        if (resume && out == null) {
            throw usage("--resume needs --out DIR: the run to continue");
        }
        if (resume && initFrom != null) {
            throw usage("--resume and --init-from exclude each other: a resumed run already has its weights");
        }
        if (!freeze.isEmpty() && initFrom == null && !resume) {
            throw usage("--freeze needs --init-from RUN: freezing fresh random weights would train nothing useful");
        }
        Path runDir = out != null ? out
                : Path.of("runs", model + "-" + LocalDateTime.now(context.clock()).format(STAMP));
        return new TrainOptions(model, epochs, batchSize, learningRate, optimizer, schedule, augment, seed,
                threads, runDir, resume, initFrom, freeze, data.location(context).dir(), limit, trees);
    }

    /** Refuses the options that mean nothing to the chosen model, rather than ignoring them silently. */
    private void checkModelOptions() {
        if (trees != null && model != ModelPreset.FOREST) {
            throw usage("--trees is for --model forest, not " + model);
        }
        if (model.trainedInEpochs()) {
            return;
        }
        String why = model + " is fitted in one pass, not trained in epochs by an optimizer";
        if (epochs != null || learningRate != null || optimizer != null || schedule != null || augment != null) {
            throw usage("--epochs, --lr, --optimizer, --schedule and --augment do not apply: " + why);
        }
        if (resume || initFrom != null || !freeze.isEmpty()) {
            throw usage("--resume, --init-from and --freeze do not apply: " + why + ", so it has no checkpoint");
        }
    }

    private void checkRunDirectories(TrainOptions options) throws CommandFailure {
        Path runDir = options.out();
        if (options.resume() && !Files.exists(runDir.resolve(RunDirectory.CHECKPOINT))) {
            throw new CommandFailure(runDir + " has no " + RunDirectory.CHECKPOINT + " to resume from");
        }
        if (!options.resume() && Files.exists(runDir.resolve(RunDirectory.MODEL))) {
            throw new CommandFailure(runDir + " already holds a trained model; choose another --out, or add --resume");
        }
        if (options.initFrom() != null && !Files.isRegularFile(options.initFrom().resolve(RunDirectory.MODEL))) {
            throw new CommandFailure("--init-from " + options.initFrom() + ": no " + RunDirectory.MODEL + " there");
        }
    }

    private void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw usage(option + " must be at least 1, not " + value);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
