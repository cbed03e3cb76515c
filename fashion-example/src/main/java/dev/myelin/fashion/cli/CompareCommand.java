package dev.myelin.fashion.cli;

import dev.myelin.fashion.compare.ComparedModel;
import dev.myelin.fashion.compare.Comparison;
import dev.myelin.fashion.compare.ComparisonJson;
import dev.myelin.fashion.compare.ComparisonLink;
import dev.myelin.fashion.compare.ComparisonTable;
import dev.myelin.fashion.compare.ModelMeasurer;
import dev.myelin.fashion.compare.QuickRecipe;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.files.AtomicFiles;
import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.fashion.report.ComparisonHtml;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.train.ModelPreset;
import dev.myelin.fashion.train.TrainOptions;
import dev.myelin.fashion.train.Tuning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./fashion compare}: models side by side on the test set, one chosen on validation accuracy. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Train several models (or read finished runs) and compare them in one table.",
        description = {
            "Trains each model of --models into its own run folder under --out, adds the finished runs "
                    + "named by --runs, scores every model on the 10,000 test images and prints one table: "
                    + "validation and test accuracy, macro precision, recall and F1, the best and worst "
                    + "class, training time, inference time per image, parameters and file size. "
                    + "The model with the highest validation accuracy is chosen; the test set plays no "
                    + "part in the choice. Writes compare.md, compare.json and compare.html to --out.",
            "",
            "  ./fashion compare --quick               all seven models, about 2 minutes",
            "  ./fashion compare --models knn,cnn      two models, fully trained",
            "  ./fashion compare --runs runs/a runs/b  finished runs only, no training",
            ""
        })
final class CompareCommand implements Callable<Integer> {
    static final String TABLE = "compare.md";
    static final String JSON = "compare.json";
    static final String PAGE = "compare.html";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final List<ModelPreset> DEFAULT_MODELS = List.of(ModelPreset.KNN, ModelPreset.SOFTMAX,
            ModelPreset.SVM, ModelPreset.FOREST, ModelPreset.MLP, ModelPreset.CNN, ModelPreset.BEST);
    /**
     * With --quick the VGG-style network stands in for best: the resnet needs more epochs than a quick
     * run gives (82.4% test after its 4 quick epochs, below the cnn's 86.5%, in 5 min 31 s for the table).
     */
    private static final List<ModelPreset> QUICK_MODELS = List.of(ModelPreset.KNN, ModelPreset.SOFTMAX,
            ModelPreset.SVM, ModelPreset.FOREST, ModelPreset.MLP, ModelPreset.CNN, ModelPreset.VGG);

    private final FashionContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--models", paramLabel = "LIST", split = ",", showDefaultValue = Visibility.NEVER,
            description = "Models to train, comma-separated, from: knn, softmax, svm, forest, mlp, cnn, vgg, resnet, best. "
                    + "Default: knn, softmax, svm, forest, mlp, cnn and best (vgg with --quick), or none when --runs is given.")
    List<String> models;

    @Option(names = "--runs", paramLabel = "DIR", arity = "1..*", showDefaultValue = Visibility.NEVER,
            description = "Finished run folders (made by ./fashion train or an earlier compare) to add to the table.")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--quick",
            description = "Train on the first 10,000 training images with fewer epochs: "
                    + "the whole default table in a few minutes, with vgg in place of best (the resnet needs "
                    + "more epochs than that). The test set is still all 10,000 images.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", showDefaultValue = Visibility.NEVER,
            description = "Folder for the trained runs and the table. Default: runs/compare-<yyyyMMdd-HHmmss>.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + TrainOptions.DEFAULT_SEED,
            description = "Seed of every model's training.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Worker threads. Default: one per available processor.")
    Integer threads;

    @Mixin
    DataOption data;

    CompareCommand(FashionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        List<ModelPreset> toTrain = modelsToTrain();
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, not " + threads);
        }
        Path dir = out != null ? out : Path.of("runs", "compare-" + LocalDateTime.now(context.clock()).format(STAMP));
        List<RunDirectory> finished = checkRuns();
        checkOut(dir, toTrain);
        Path dataDir = dataFor(toTrain);

        List<RunDirectory> all = new ArrayList<>();
        for (int i = 0; i < toTrain.size(); i++) {
            ModelPreset model = toTrain.get(i);
            context.out().printf("%n[%d/%d] training %s%s%n", i + 1, toTrain.size(), model, quick ? " (quick)" : "");
            TrainOptions options = new TrainOptions(model, quick ? QuickRecipe.epochs(model) : null,
                    TrainOptions.DEFAULT_BATCH_SIZE, null, null, null, null, Tuning.PRESET, seed, threads, dir.resolve(model.toString()),
                    false, null, List.of(), dataDir, quick ? QuickRecipe.IMAGES : null, null, null, List.of());
            context.trainer().train(options, context.out());
            all.add(RunDirectory.open(options.out()));
        }
        all.addAll(finished);

        ImageSet test = FashionMnist.loadTest(dataDir);
        ModelMeasurer measurer = new ModelMeasurer(context.modelLoader(), test);
        List<ComparedModel> rows = new ArrayList<>();
        context.out().printf("%nScoring %d models on %,d test images%n", all.size(), test.size());
        for (RunDirectory run : all) {
            ComparedModel row = measurer.measure(run);
            context.out().printf(Locale.ROOT, "  %-8s %s  test accuracy %.2f%%%n", row.model(), run.dir(),
                    100 * row.test().accuracy());
            rows.add(row);
        }
        Comparison comparison = Comparison.of(rows, quick, ZonedDateTime.now(context.clock()));
        write(dir, comparison, all);
        return 0;
    }

    /** The models of --models, checked: known names, none twice, not empty. */
    private List<ModelPreset> modelsToTrain() {
        if (models == null) {
            return !runs.isEmpty() ? List.of() : quick ? QUICK_MODELS : DEFAULT_MODELS;
        }
        String known = Arrays.stream(ModelPreset.values()).map(ModelPreset::toString).collect(Collectors.joining(", "));
        Set<ModelPreset> chosen = new LinkedHashSet<>();
        for (String name : models) {
            if (name.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--models has an empty name; give some of: " + known);
            }
            ModelPreset model;
            try {
                model = ModelPreset.valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--models: unknown model '" + name.strip()
                        + "'; the models are " + known);
            }
            if (!chosen.add(model)) {
                throw new ParameterException(spec.commandLine(), "--models names " + model + " twice");
            }
        }
        if (chosen.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--models is empty; give some of: " + known);
        }
        return List.copyOf(chosen);
    }

    /** Every --runs folder, checked to be a finished run before anything is trained. */
    private List<RunDirectory> checkRuns() throws CommandFailure {
        List<RunDirectory> finished = new ArrayList<>();
        for (Path run : runs) {
            if (!Files.isDirectory(run)) {
                throw new CommandFailure("--runs " + run + ": no such folder");
            }
            boolean ensemble = Files.isDirectory(run.resolve(RunDirectory.MEMBERS));
            for (String file : ensemble ? List.of(RunDirectory.CONFIG) : List.of(RunDirectory.CONFIG, RunDirectory.MODEL)) {
                if (!Files.isRegularFile(run.resolve(file))) {
                    throw new CommandFailure("--runs " + run + " is not a finished run: it has no " + file
                            + " (run folders are made by ./fashion train and ./fashion ensemble)");
                }
            }
            try {
                finished.add(RunDirectory.open(run));
            } catch (java.io.IOException e) {
                throw new CommandFailure("--runs " + run + ": " + e.getMessage());
            }
        }
        return finished;
    }

    private void checkOut(Path dir, List<ModelPreset> toTrain) throws CommandFailure {
        OutPaths.requireFolder(dir);
        if (Files.exists(dir.resolve(JSON))) {
            throw new CommandFailure(dir + " already holds a comparison; choose another --out");
        }
        for (ModelPreset model : toTrain) {
            if (Files.exists(dir.resolve(model.toString()).resolve(RunDirectory.MODEL))) {
                throw new CommandFailure(dir.resolve(model.toString()) + " already holds a trained model; "
                        + "choose another --out, or pass it with --runs");
            }
        }
    }

    /** The data folder: downloaded first when models are to be trained, else it must be there. */
    private Path dataFor(List<ModelPreset> toTrain) throws Exception {
        return toTrain.isEmpty() ? data.require(context) : data.requireOrDownload(context);
    }

    private void write(Path dir, Comparison comparison, List<RunDirectory> runs) throws Exception {
        Files.createDirectories(dir);
        String table = ComparisonTable.markdown(comparison);
        AtomicFiles.writeString(dir.resolve(TABLE), table);
        JsonWriter.write(dir.resolve(JSON), ComparisonJson.toJson(comparison));
        AtomicFiles.writeString(dir.resolve(PAGE), ComparisonHtml.render(comparison, dir));
        for (int i = 0; i < runs.size(); i++) {
            ComparisonLink.write(runs.get(i), dir.resolve(PAGE), i == comparison.chosen());
        }
        context.out().println();
        context.out().print(table);
        context.out().println();
        context.out().println("Wrote " + dir.resolve(TABLE) + ", " + dir.resolve(JSON) + " and " + dir.resolve(PAGE));
    }
}
