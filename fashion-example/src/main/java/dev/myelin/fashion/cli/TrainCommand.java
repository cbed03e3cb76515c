package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.RunLock;
import dev.myelin.fashion.train.ModelPreset;
import dev.myelin.fashion.train.NanPolicy;
import dev.myelin.fashion.train.OptimizerKind;
import dev.myelin.fashion.train.Recipe;
import dev.myelin.fashion.train.ScheduleKind;
import dev.myelin.fashion.train.TrainOptions;
import dev.myelin.fashion.train.TrainUsageException;
import dev.myelin.fashion.train.Tuning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
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
                    + "metrics.json, and for the models trained in epochs (mlp, cnn, vgg, resnet, best, softmax, svm) "
                    + "history.csv and a checkpoint. knn and forest are fitted in one pass: k-NN chooses k "
                    + "from 1, 3, 5, 7, 9 on the validation images; the forest grows --trees trees. "
                    + "The last 5,000 training images (a sixth with --limit) are held out for validation. "
                    + "Downloads the data first if it is missing. Options left out take the model's defaults. "
                    + "One process at a time writes a run directory: a second one is refused, naming the first "
                    + "(run.lock). Options that cannot train (a --limit or --batch-size that gives no batch or no "
                    + "validation image) are refused before anything is written.",
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
            description = "Continue the run in --out from its checkpoint, with the options of its config.json. "
                    + "Options given again must have the same values, but for --threads, --stop-after, --on-nan "
                    + "and --data, and a larger --epochs with --schedule none (to train longer).")
    boolean resume;

    @Option(names = "--on-nan", paramLabel = "WHAT", defaultValue = "stop",
            description = "When a batch's loss or a gradient is NaN or infinite: stop (exit 1, naming the step, the "
                    + "batch and the parameter; the last good checkpoint and model are kept) or skip the batch "
                    + "(no optimizer step; the skips are counted in metrics.json): ${COMPLETION-CANDIDATES}.")
    NanPolicy onNan;

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
        RunLock.refuseIfHeld(options.out());
        checkRunDirectories(options);
        data.requireOrDownload(context);
        try {
            context.trainer().train(options, context.out());
        } catch (TrainUsageException e) {
            throw usage(e.getMessage());
        }
        context.out().println();
        context.out().println("Next: ./fashion evaluate --run " + options.out());
        context.out().println("      ./fashion report --run " + options.out());
        return 0;
    }

    /** The parsed options, checked, with the run directory chosen. */
    TrainOptions options() {
        if (resume && config != null) {
            throw usage("--resume takes the options of the run's own config.json; --config does not apply");
        }
        if (resume && out != null && Files.isRegularFile(out.resolve(RunDirectory.CONFIG))) {
            try {
                TrainConfigFile run = TrainConfigFile.read(out.resolve(RunDirectory.CONFIG));
                checkSameAsRun(run);
                applyConfig(run, true);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (config != null) {
            try {
                applyConfig(TrainConfigFile.read(config), false);
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
                threads, runDir, resume, initFrom, freeze, data.location(context).dir(), limit, trees, stopAfter, classes(),
                onNan);
        if (model.trainedInEpochs()) {
            try {
                Recipe.of(options); // the overrides' ranges, and whether each applies to the preset
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        return options;
    }

    /** An option that a run's config.json records under {@code key}; {@code --config} takes it if {@code fromConfig}. */
    private record Recorded(String option, String key, Function<TrainConfigFile, Object> read, Supplier<Object> value,
            Consumer<Object> set, boolean fromConfig) {
    }

    /** The options config.json records, each with how to read it from the file and to get and set it here. */
    @SuppressWarnings("unchecked")
    private List<Recorded> recorded() {
        return List.of(
                new Recorded("--model", "model", f -> f.choice("model", ModelPreset.class), () -> model,
                        v -> model = (ModelPreset) v, true),
                new Recorded("--epochs", "epochs", f -> f.integer("epochs"), () -> epochs, v -> epochs = (Integer) v, true),
                new Recorded("--batch-size", "batch_size", f -> f.integer("batch_size"), () -> batchSize,
                        v -> batchSize = (Integer) v, true),
                new Recorded("--lr", "lr", f -> f.number("lr"), () -> learningRate, v -> learningRate = (Double) v, true),
                new Recorded("--optimizer", "optimizer", f -> f.choice("optimizer", OptimizerKind.class), () -> optimizer,
                        v -> optimizer = (OptimizerKind) v, true),
                new Recorded("--schedule", "schedule", f -> f.choice("schedule", ScheduleKind.class), () -> schedule,
                        v -> schedule = (ScheduleKind) v, true),
                new Recorded("--augment", "augment", f -> f.bool("augment"), () -> augment, v -> augment = (Boolean) v, true),
                new Recorded("--weight-decay", "weight_decay", f -> f.number("weight_decay"), () -> weightDecay,
                        v -> weightDecay = (Double) v, true),
                new Recorded("--momentum", "momentum", f -> f.number("momentum"), () -> momentum,
                        v -> momentum = (Double) v, true),
                new Recorded("--nesterov", "nesterov", f -> f.bool("nesterov"), () -> nesterov,
                        v -> nesterov = (Boolean) v, true),
                new Recorded("--label-smoothing", "label_smoothing", f -> f.number("label_smoothing"),
                        () -> labelSmoothing, v -> labelSmoothing = (Double) v, true),
                new Recorded("--dropout", "dropout", f -> f.number("dropout"), () -> dropout, v -> dropout = (Double) v, true),
                new Recorded("--seed", "seed", f -> f.integer("seed"), () -> seed, v -> seed = ((Number) v).longValue(), true),
                new Recorded("--classes", "classes", f -> f.integers("classes"), () -> classes.isEmpty() ? null : classes,
                        v -> classes = new ArrayList<>((List<Integer>) v), true),
                new Recorded("--limit", "limit", f -> f.integer("limit"), () -> limit, v -> limit = (Integer) v, false),
                new Recorded("--freeze", "freeze", f -> emptyToNull(f.strings("freeze")), () -> emptyToNull(freeze),
                        v -> freeze = new ArrayList<>((List<String>) v), false));
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    /**
     * Takes from {@code file} every option the command line did not give: for {@code --config}, the
     * recipe; for {@code --resume}, everything the run recorded.
     */
    private void applyConfig(TrainConfigFile file, boolean resuming) {
        for (Recorded r : recorded()) {
            Object value = r.read().apply(file);
            if ((r.fromConfig() || resuming) && !given(r.option()) && value != null) {
                r.set().accept(value);
            }
        }
    }

    /**
     * Refuses an option given with --resume whose value differs from the run's: a resumed run goes on
     * as it began. A larger --epochs is allowed with a constant learning rate (--schedule none), whose
     * steps do not depend on the run's length.
     */
    private void checkSameAsRun(TrainConfigFile run) {
        TrainConfigFile resolved = run.resolved();
        for (Recorded r : recorded()) {
            if (!given(r.option())) {
                continue;
            }
            Object recorded = r.read().apply(run);
            if (recorded == null) {
                recorded = r.read().apply(resolved); // the preset's default, as the run resolved it
            }
            Object mine = r.value().get();
            if (same(mine, recorded)) {
                continue;
            }
            Object scheduleUsed = run.choice("schedule", ScheduleKind.class) != null
                    ? run.choice("schedule", ScheduleKind.class) : resolved.choice("schedule", ScheduleKind.class);
            if (r.option().equals("--epochs") && recorded instanceof Integer before && epochs > before
                    && scheduleUsed == ScheduleKind.NONE) {
                continue;
            }
            throw usage("--resume continues the run as its " + run.file() + " says: " + r.option() + " " + shown(mine)
                    + " contradicts its " + r.key() + " " + shown(recorded) + ". Leave " + r.option() + " out; only "
                    + "--threads, --stop-after, --on-nan, --data and, with --schedule none, a larger --epochs may change "
                    + "when resuming");
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return java.util.Objects.equals(a, b);
    }

    private static String shown(Object value) {
        return value == null ? "none" : value.toString();
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
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

    /**
     * Refuses to write over a run, and to resume what cannot be resumed, saying in each case what can be
     * done instead.
     */
    private void checkRunDirectories(TrainOptions options) throws CommandFailure {
        Path runDir = options.out();
        boolean model = Files.exists(runDir.resolve(RunDirectory.MODEL));
        boolean checkpoint = Files.exists(runDir.resolve(RunDirectory.CHECKPOINT));
        String finished = runDir + " holds a finished run";
        String instead = ": evaluate it (./fashion evaluate --run " + runDir + "), train into another --out "
                + "(--init-from " + runDir + " starts from its weights), or delete the folder to train it again";
        if (options.resume()) {
            boolean configured = Files.exists(runDir.resolve(RunDirectory.CONFIG));
            if (!checkpoint && model && (testedEpochs(runDir) >= 0 || !configured)) {
                throw new CommandFailure(finished + " (a model and no checkpoint), which cannot be continued" + instead);
            }
            if (!checkpoint && model) {
                // Killed after its first epoch's model was saved and before that epoch's checkpoint: there is
                // nothing to continue from, and the first epoch is trained again from the same seed.
                context.out().println("note: " + runDir + " was stopped before its first checkpoint; training starts "
                        + "from the beginning");
            }
            if (!checkpoint && !Files.exists(runDir.resolve(RunDirectory.CONFIG))) {
                throw new CommandFailure(runDir + " holds no run to resume (no " + RunDirectory.CHECKPOINT + ", no "
                        + RunDirectory.CONFIG + "); leave out --resume to start one there");
            }
            if (checkpoint && testedEpochs(runDir) >= Recipe.of(options).epochs()) {
                throw new CommandFailure(finished + ", trained to its last epoch and tested" + instead
                        + (Recipe.of(options).schedule() == ScheduleKind.NONE ? "; or give a larger --epochs to train it longer" : ""));
            }
        } else if (model || checkpoint) {
            if (checkpoint && testedEpochs(runDir) < 0) {
                throw new CommandFailure(runDir + " holds an unfinished run; continue it with --resume --out " + runDir
                        + ", or choose another --out");
            }
            throw new CommandFailure(finished + instead);
        }
        if (options.initFrom() != null && !Files.isRegularFile(options.initFrom().resolve(RunDirectory.MODEL))) {
            throw new CommandFailure("--init-from " + options.initFrom() + ": no " + RunDirectory.MODEL + " there");
        }
    }

    /** How many epochs a finished run trained (its metrics have test figures), or -1 if it is not finished. */
    private static int testedEpochs(Path runDir) {
        try {
            return RunDirectory.open(runDir).metrics().filter(m -> m.test().containsKey("accuracy"))
                    .map(m -> m.history().size()).orElse(-1);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
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
