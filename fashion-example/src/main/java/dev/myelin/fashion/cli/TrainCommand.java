package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.DataLocation;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.train.ModelPreset;
import dev.myelin.fashion.train.OptimizerKind;
import dev.myelin.fashion.train.Recipe;
import dev.myelin.fashion.train.ScheduleKind;
import dev.myelin.fashion.train.TrainOptions;
import dev.myelin.fashion.train.Tuning;
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
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code ./fashion train}: parses the options into a {@link TrainOptions} and hands it to the trainer. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Train a model on Fashion-MNIST: a network, a linear model or a classic one.",
        description = {
            "Trains the chosen model and writes a run directory: model.safetensors, config.json, "
                    + "metrics.json, and for the models trained in epochs (mlp, cnn, vgg, resnet, best, softmax, svm) "
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

    @Option(names = "--config", paramLabel = "FILE", showDefaultValue = Visibility.NEVER,
            description = "Take the options from a JSON file: a run's config.json, or the best-config.json of "
                    + "./fashion sweep. Options given on the command line win over the file's.")
    Path config;

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

    @Option(names = "--weight-decay", paramLabel = "X", showDefaultValue = Visibility.NEVER,
            description = "Weight decay of the weights (never of biases or norm parameters): L2 with sgd and adam, "
                    + "decoupled with adamw. Default: the preset's.")
    Double weightDecay;

    @Option(names = "--momentum", paramLabel = "X", showDefaultValue = Visibility.NEVER,
            description = "Momentum of --optimizer sgd, in [0, 1). Default: the preset's (0.9).")
    Double momentum;

    @Option(names = "--nesterov", negatable = true, showDefaultValue = Visibility.NEVER,
            description = "Nesterov momentum for --optimizer sgd; --no-nesterov for plain momentum. "
                    + "Default: the preset's.")
    Boolean nesterov;

    @Option(names = "--label-smoothing", paramLabel = "X", showDefaultValue = Visibility.NEVER,
            description = "Share of the training target spread evenly over the classes, in [0, 1) "
                    + "(validation and test losses use none). Default: the preset's.")
    Double labelSmoothing;

    @Option(names = "--dropout", paramLabel = "P", showDefaultValue = Visibility.NEVER,
            description = "Drop probability of every dropout layer (mlp, vgg, resnet, best), in [0, 1). "
                    + "Default: the preset's.")
    Double dropout;

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

    @Option(names = "--stop-after", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Stop after epoch N of the schedule, leaving a checkpoint; --resume continues it. "
                    + "Default: train to the end.")
    Integer stopAfter;

    @Option(names = "--classes", paramLabel = "LIST", split = ",", showDefaultValue = Visibility.NEVER,
            description = "Train on these classes only: labels 0-9, comma-separated (0 T-shirt/top, 1 Trouser, "
                    + "2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot). "
                    + "Validation and test use the same classes. Default: all ten.")
    List<Integer> classes = new ArrayList<>();

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
        if (config != null) {
            try {
                applyConfig(TrainConfigFile.read(config));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        positive("--epochs", epochs);
        positive("--batch-size", batchSize);
        positive("--threads", threads);
        positive("--limit", limit);
        positive("--trees", trees);
        positive("--stop-after", stopAfter);
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
        TrainOptions options = new TrainOptions(model, epochs, batchSize, learningRate, optimizer, schedule, augment,
                new Tuning(weightDecay, momentum, nesterov, labelSmoothing, dropout), seed,
                threads, runDir, resume, initFrom, freeze, data.location(context).dir(), limit, trees, stopAfter, classes());
        if (model.trainedInEpochs()) {
            try {
                Recipe.of(options); // the overrides' ranges, and whether each applies to the preset
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        return options;
    }

    /** Takes from {@code file} every option the command line did not give. */
    private void applyConfig(TrainConfigFile file) {
        ParseResult given = spec.commandLine().getParseResult();
        java.util.function.Predicate<String> absent = name -> !given.hasMatchedOption(name);
        if (absent.test("--model") && file.choice("model", ModelPreset.class) != null) {
            model = file.choice("model", ModelPreset.class);
        }
        if (absent.test("--batch-size") && file.integer("batch_size") != null) {
            batchSize = file.integer("batch_size");
        }
        if (absent.test("--seed") && file.integer("seed") != null) {
            seed = file.integer("seed");
        }
        epochs = absent.test("--epochs") ? file.integer("epochs") : epochs;
        learningRate = absent.test("--lr") ? file.number("lr") : learningRate;
        optimizer = absent.test("--optimizer") ? file.choice("optimizer", OptimizerKind.class) : optimizer;
        schedule = absent.test("--schedule") ? file.choice("schedule", ScheduleKind.class) : schedule;
        augment = absent.test("--augment") ? file.bool("augment") : augment;
        weightDecay = absent.test("--weight-decay") ? file.number("weight_decay") : weightDecay;
        momentum = absent.test("--momentum") ? file.number("momentum") : momentum;
        nesterov = absent.test("--nesterov") ? file.bool("nesterov") : nesterov;
        labelSmoothing = absent.test("--label-smoothing") ? file.number("label_smoothing") : labelSmoothing;
        dropout = absent.test("--dropout") ? file.number("dropout") : dropout;
        if (absent.test("--classes") && file.integers("classes") != null) {
            classes = new ArrayList<>(file.integers("classes"));
        }
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
        if (weightDecay != null || momentum != null || nesterov != null || labelSmoothing != null || dropout != null) {
            throw usage("--weight-decay, --momentum, --nesterov, --label-smoothing and --dropout do not apply: " + why);
        }
        if (resume || initFrom != null || !freeze.isEmpty() || stopAfter != null) {
            throw usage("--resume, --init-from, --freeze and --stop-after do not apply: " + why + ", so it has no checkpoint");
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

    /** The --classes list, checked: labels of Fashion-MNIST, no repeats, at least two. */
    private List<Integer> classes() {
        for (int c : classes) {
            if (c < 0 || c >= FashionMnist.CLASSES) {
                throw usage("--classes: " + c + " is not a label; the labels are 0 to " + (FashionMnist.CLASSES - 1));
            }
        }
        if (classes.stream().distinct().count() != classes.size()) {
            throw usage("--classes names a class twice: " + classes);
        }
        if (classes.size() == 1) {
            throw usage("--classes needs at least two classes to tell apart, not " + classes);
        }
        return classes;
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
