package dev.myelin.fashion.train;

import dev.myelin.Myelin;
import dev.myelin.data.Batch;
import dev.myelin.data.BatchIterator;
import dev.myelin.data.DataLoader;
import dev.myelin.data.ImageDataset;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.fashion.progress.ProgressBar;
import dev.myelin.fashion.run.EpochMetrics;
import dev.myelin.fashion.run.Metrics;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.io.Checkpoint;
import dev.myelin.io.CheckpointState;
import dev.myelin.io.StateDict;
import dev.myelin.fashion.run.RunLock;
import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a model preset on Fashion-MNIST and writes the run directory: the last 5,000 training images
 * are held out for validation, the epoch with the best validation accuracy is kept in
 * {@code model.safetensors}, a checkpoint is written after every epoch (and on Ctrl-C), and the kept
 * model is finally scored on the test set.
 */
public final class Training {
    /** How many of the last training images are held out for validation (at most a sixth of them). */
    public static final int VALIDATION_IMAGES = 5_000;
    private static final String DROPOUT_GENERATOR = "dropout";

    private Training() {
    }

    /**
     * Trains as {@code options} say, printing progress to {@code out}, and writes the run directory
     * {@code options.out()} (see {@link RunDirectory}), holding its {@link RunLock} meanwhile. The classic
     * models are handed to {@link ClassicTraining}. A folder this call created is removed again if the
     * training fails before it has a checkpoint or a model to keep.
     *
     * @throws TrainUsageException      if the options cannot train (checked before the folder is touched)
     * @throws TrainingDiverged         if a loss or gradient was not finite and {@code --on-nan stop}
     * @throws RunLock.HeldException    if another process writes the folder
     */
    public static void run(TrainOptions options, PrintStream out) throws Exception {
        if (!options.model().trainedInEpochs()) {
            writing(options.out(), out, false, interrupt -> ClassicTraining.run(options, out));
            return;
        }
        Recipe recipe = Recipe.of(options);
        if (options.threads() != null) {
            Myelin.setThreads(options.threads());
        }
        Split split = Split.of(FashionMnist.load(options.data()), options.limit(), options.classes());
        checkSizes(split, options);
        Generator init = new Generator(options.seed());
        Generator dropout = new Generator(options.seed() ^ 0x5DEECE66DL);
        Module model = Presets.create(options.model(), options.classCount(), recipe.dropout(), init, dropout);
        if (options.initFrom() != null) {
            InitFrom.apply(model, options.initFrom(), out);
        }
        Freezing.apply(model, options.freeze(), out);
        writing(options.out(), out, true, interrupt -> train(options, recipe, split, model, dropout, interrupt, out));
    }

    /** Something that writes into a locked run folder. */
    @FunctionalInterface
    private interface Writer {
        void write(Interrupt interrupt) throws Exception;
    }

    /**
     * Locks {@code dir} (creating it) for {@code writer}. If the folder did not exist and the writer
     * fails before leaving a checkpoint or a model, the folder is removed: a failed start leaves nothing.
     * With {@code ctrlC}, Ctrl-C is honoured between steps ({@link Interrupt}) and the JVM waits until the
     * files are written and the lock is released, in that order.
     */
    private static void writing(Path dir, PrintStream out, boolean ctrlC, Writer writer) throws Exception {
        boolean created = !Files.exists(dir);
        boolean removed = false;
        try (Interrupt interrupt = ctrlC ? new Interrupt() : null; RunLock lock = RunLock.acquire(dir, out)) {
            try {
                writer.write(interrupt);
            } catch (Exception | Error e) {
                if (created && !Files.exists(dir.resolve(RunDirectory.CHECKPOINT))
                        && !Files.exists(dir.resolve(RunDirectory.MODEL))) {
                    removed = removeFilesBut(dir, RunDirectory.LOCK);
                }
                throw e;
            }
        } finally {
            if (removed) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException notEmpty) {
                    // another process has just locked it: the folder is theirs now
                }
            }
        }
    }

    /** Deletes every file in {@code dir} but {@code keep}; whether it could. */
    private static boolean removeFilesBut(Path dir, String keep) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(keep)) {
                    Files.delete(f);
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Refuses a split that cannot train: no validation image, or fewer training images than one batch
     * (which would train nothing and keep an untrained model as the best). Says what would work.
     */
    static void checkSizes(Split split, TrainOptions options) {
        int train = split.train().size();
        int held = split.validation().size();
        int batch = options.batchSize();
        if (held > 0 && train >= batch) {
            return;
        }
        List<String> fixes = new ArrayList<>();
        int smallest = smallestImages(batch);
        if (options.limit() != null && smallest <= split.available()) {
            fixes.add("--limit " + smallest + " or more");
        }
        if (held > 0) {
            fixes.add("--batch-size " + train + " or less");
        }
        String what = options.limit() != null ? "--limit " + options.limit() + " leaves" : "the data has";
        throw new TrainUsageException(String.format(Locale.ROOT, "%s %,d training and %,d validation images, %s: %s",
                what, train, held, held == 0 ? "no image to validate on" : "fewer than one batch of " + batch,
                fixes.isEmpty() ? "it is too small to train on" : "use " + String.join(", or ", fixes)));
    }

    /** The fewest images that hold at least one validation image and, besides, one batch of {@code batch}. */
    private static int smallestImages(int batch) {
        int n = Math.max(6, batch);
        while (n - validationImages(n) < batch) {
            n++;
        }
        return n;
    }

    private static void train(TrainOptions options, Recipe recipe, Split split, Module model, Generator dropout,
            Interrupt interrupt, PrintStream out) throws Exception {
        Path dir = options.out();
        DataLoader loader = DataLoader.builder(split.train()).batchSize(options.batchSize()).shuffle(true)
                .seed(options.seed()).dropLast(true).transform(Augmentation.forPreset(options.model(), recipe.augment()))
                .build();
        Optimizer optimizer = Optimizers.create(model, recipe);
        LRScheduler scheduler = Optimizers.schedule(optimizer, recipe, loader.numBatches());

        Losses.Loss trainingLoss = Losses.forTraining(options.model(), recipe.labelSmoothing());
        Losses.Loss loss = Losses.forPreset(options.model());
        Progress progress = new Progress();
        if (options.resume() && Files.exists(dir.resolve(RunDirectory.CHECKPOINT))) {
            progress = Progress.resume(dir, model, optimizer, scheduler, Map.of(DROPOUT_GENERATOR, dropout), out);
        } else if (options.resume()) {
            out.println("no checkpoint in " + dir + " yet: training the run from its first epoch");
        }
        writeConfig(dir, options, recipe);
        out.printf(Locale.ROOT, "training %s: %d parameters, %s, lr %.3g, %s schedule, %s, %d epochs of %d batches of %d;"
                + " %d validation, %d test images; %d threads%n", options.model(), parameterCount(model),
                recipe.describeOptimizer(), recipe.learningRate(), recipe.schedule(),
                recipe.augment() ? "augmented" : "no augmentation", recipe.epochs(), loader.numBatches(),
                options.batchSize(), split.validation().size(), split.test().size(), Myelin.threads());

        Steps steps = new Steps(model, trainingLoss, optimizer, scheduler, options.onNan(), dir);
        int stopAt = options.stopAfter() == null ? recipe.epochs() : Math.min(recipe.epochs(), options.stopAfter());
        for (int epoch = progress.epoch; epoch < stopAt; epoch++) {
            loader.setEpoch(epoch);
            EpochResult result = trainEpoch(steps, loader, epoch, recipe.epochs(), progress, interrupt, out);
            if (result == null) {
                saveCheckpoint(dir, model, optimizer, scheduler, dropout, epoch, progress);
                out.printf("%ninterrupted: checkpoint saved in %s; continue with --resume --out %s%n",
                        dir.resolve(RunDirectory.CHECKPOINT), dir);
                return;
            }
            progress.partial = new Partial();
            steps.checkWeights(epoch);
            Evaluator.Score val = Evaluator.score(model, split.validation(), loss);
            EpochMetrics metrics = new EpochMetrics(epoch + 1, result.loss, result.accuracy, val.loss(),
                    val.accuracy(), optimizer.lr(), result.seconds, result.imagesPerSecond, result.dataSeconds);
            progress.history.add(metrics);
            boolean improved = val.accuracy() > progress.bestValidation;
            if (improved) {
                progress.bestValidation = val.accuracy();
                StateDict.save(model, dir.resolve(RunDirectory.MODEL));
            }
            out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  acc %.2f%%  val loss %.4f  val acc %.2f%%%s  %.0f img/s  %.0fs"
                    + " (data %.1f%%)%s%n", epoch + 1, recipe.epochs(), result.loss, 100 * result.accuracy, val.loss(),
                    100 * val.accuracy(), improved ? " (best)" : "", result.imagesPerSecond, result.seconds,
                    100 * result.dataSeconds / result.seconds,
                    result.skipped == 0 ? "" : "  (" + result.skipped + " batches skipped: NaN or infinity)");
            progress.epoch = epoch + 1;
            saveCheckpoint(dir, model, optimizer, scheduler, dropout, epoch + 1, progress);
        }
        if (progress.epoch < recipe.epochs()) {
            out.printf("stopped after epoch %d of %d (--stop-after); continue with --resume --out %s%n",
                    progress.epoch, recipe.epochs(), dir);
            return;
        }
        finish(dir, model, loss, split, progress, options.onNan(), out);
    }

    /** Scores the best epoch's weights on the test set and writes the final metrics. */
    private static void finish(Path dir, Module model, Losses.Loss loss, Split split, Progress progress,
            NanPolicy onNan, PrintStream out) throws IOException {
        StateDict.load(model, dir.resolve(RunDirectory.MODEL));
        Evaluator.Score test = Evaluator.score(model, split.test(), loss);
        Map<String, Object> testMetrics = new LinkedHashMap<>();
        testMetrics.put("accuracy", test.accuracy());
        testMetrics.put("loss", test.loss());
        testMetrics.put("images", split.test().size());
        testMetrics.put("best_validation_accuracy", progress.bestValidation);
        testMetrics.put("training_seconds", progress.history.stream().mapToDouble(EpochMetrics::seconds).sum());
        if (onNan == NanPolicy.SKIP || progress.skipped > 0) {
            testMetrics.put("skipped_batches", progress.skipped);
        }
        MetricsFile.write(dir, new Metrics(progress.history, testMetrics));
        if (progress.skipped > 0) {
            out.printf(Locale.ROOT, "skipped %d batches whose loss or gradient was NaN or infinite (--on-nan skip)%n",
                    progress.skipped);
        }
        out.printf(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) with the best epoch's weights; run written to %s%n",
                100 * test.accuracy(), test.loss(), dir);
    }

    /** What one epoch did; {@code dataSeconds} is the time spent waiting for or preparing batches. */
    private record EpochResult(double loss, double accuracy, double seconds, double imagesPerSecond,
            double dataSeconds, int skipped) {
    }

    /**
     * Trains one epoch, from the batch {@code progress.partial} has reached (a checkpoint taken inside
     * the epoch) with its sums, so that the epoch's figures cover all its batches. Returns null when
     * Ctrl-C stopped it; {@code progress.partial} then holds where it stands.
     */
    private static EpochResult trainEpoch(Steps steps, DataLoader loader, int epoch, int epochs, Progress progress,
            Interrupt interrupt, PrintStream out) throws TrainingDiverged {
        steps.model.train();
        Partial p = progress.partial;
        long start = System.nanoTime();
        double secondsBefore = p.seconds;
        int batchIndex = 0;
        String label = String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs);
        try (ProgressBar bar = ProgressBar.start(label, loader.numBatches(), ProgressBar.Unit.items("batches"), out);
                BatchIterator batches = loader.iterator()) {
            double dataBefore = p.dataSeconds;
            while (batches.hasNext()) {
                Batch batch = batches.next();
                if (batchIndex++ < p.batches) { // resuming inside an epoch: these batches were already trained
                    bar.advance(1);
                    continue;
                }
                if (interrupt.requested()) {
                    p.seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
                    p.dataSeconds = dataBefore + batches.waitNanos() / 1e9;
                    return null;
                }
                steps.step(batch, epoch, batchIndex - 1, loader.numBatches(), progress);
                p.batches++;
                double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
                bar.field("loss", String.format(Locale.ROOT, "%.4f", p.lossSum / Math.max(1, p.images)))
                        .field("acc", String.format(Locale.ROOT, "%.2f%%", 100.0 * p.correct / Math.max(1, p.images)))
                        .field("img/s", String.format(Locale.ROOT, "%.0f", p.images / seconds));
                bar.advance(1);
            }
            double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
            return new EpochResult(p.lossSum / Math.max(1, p.images), (double) p.correct / Math.max(1, p.images), seconds,
                    p.images / seconds, dataBefore + batches.waitNanos() / 1e9, p.skipped);
        }
    }

    /**
     * The training step, with the check that stops (or skips) a batch whose loss or gradient is NaN or
     * infinite before the optimizer writes it into the weights.
     */
    private static final class Steps {
        final Module model;
        private final Losses.Loss lossFunction;
        private final Optimizer optimizer;
        private final LRScheduler scheduler;
        private final NanPolicy onNan;
        private final Path dir;
        private final Map<String, Parameter> parameters;

        Steps(Module model, Losses.Loss lossFunction, Optimizer optimizer, LRScheduler scheduler, NanPolicy onNan,
                Path dir) {
            this.model = model;
            this.lossFunction = lossFunction;
            this.optimizer = optimizer;
            this.scheduler = scheduler;
            this.onNan = onNan;
            this.dir = dir;
            this.parameters = model.namedParameters();
        }

        void step(Batch batch, int epoch, int batchIndex, int batchesPerEpoch, Progress progress) throws TrainingDiverged {
            Tensor logits = model.forward(batch.inputs());
            Tensor loss = lossFunction.of(logits, batch.labels());
            optimizer.zeroGrad();
            loss.backward();
            float value = loss.item();
            String badGradient = Finiteness.firstBadGradient(parameters);
            if (!Float.isFinite(value) || badGradient != null) {
                String gradient = badGradient == null ? null : "the gradient of " + badGradient + " holds NaN or infinity";
                String what = Float.isFinite(value) ? gradient + " (the loss is " + value + ")"
                        : "the loss is " + value + (gradient == null ? " (every gradient is finite)"
                                : " and " + gradient + " (the first parameter whose gradient does)");
                if (onNan == NanPolicy.STOP) {
                    throw diverged(String.format(Locale.ROOT, "step %d (epoch %d, batch %d of %d): %s",
                            (long) epoch * batchesPerEpoch + batchIndex + 1, epoch + 1, batchIndex + 1, batchesPerEpoch,
                            what));
                }
                optimizer.zeroGrad(); // skip: no step, but the schedule goes on as if the batch had been trained
                if (scheduler != null) {
                    scheduler.step();
                }
                progress.partial.skipped++;
                progress.skipped++;
                return;
            }
            optimizer.step();
            if (scheduler != null) {
                scheduler.step();
            }
            Partial p = progress.partial;
            p.lossSum += value * batch.size();
            p.correct += Accuracy.correct(logits, batch.labels());
            p.images += batch.size();
        }

        /** Refuses weights that are not finite before they are saved. */
        void checkWeights(int epoch) throws TrainingDiverged {
            String bad = Finiteness.firstBadTensor(model.stateDict());
            if (bad != null) {
                throw diverged("the end of epoch " + (epoch + 1) + ": " + bad + " holds NaN or infinity");
            }
        }

        private TrainingDiverged diverged(String where) {
            boolean checkpoint = Files.exists(dir.resolve(RunDirectory.CHECKPOINT));
            boolean model = Files.exists(dir.resolve(RunDirectory.MODEL));
            String kept = checkpoint || model
                    ? "The last good " + (checkpoint ? RunDirectory.CHECKPOINT : "") + (checkpoint && model ? " and " : "")
                            + (model ? RunDirectory.MODEL + " (best epoch)" : "") + " in " + dir + " are kept; "
                            + "continue with --resume --out " + dir + " (and --on-nan skip to skip such batches)."
                    : "No epoch had finished, so nothing was kept.";
            return new TrainingDiverged("training diverged at " + where + ". " + kept
                    + " A lower --lr usually helps; --on-nan skip skips such batches instead of stopping.");
        }
    }

    private static void saveCheckpoint(Path dir, Module model, Optimizer optimizer, LRScheduler scheduler,
            Generator dropout, int epoch, Progress progress) throws IOException {
        // metrics first: after a kill between the two, the history may run one epoch ahead of the checkpoint,
        // and resuming cuts it back (Progress.resume); the other way round an epoch would be missing
        if (!progress.history.isEmpty()) {
            MetricsFile.write(dir, new Metrics(progress.history, Map.of()));
        }
        Partial p = progress.partial;
        CheckpointState.Builder state = CheckpointState.builder(model, optimizer)
                .generator(DROPOUT_GENERATOR, dropout).epoch(epoch).step(p.batches)
                .metric("best_validation_accuracy", progress.bestValidation)
                .metric("skipped_batches", progress.skipped);
        if (p.batches > 0) {
            p.toMetrics().forEach(state::metric);
        }
        if (scheduler != null) {
            state.scheduler(scheduler);
        }
        Checkpoint.save(dir.resolve(RunDirectory.CHECKPOINT), state.build());
    }

    private static void writeConfig(Path dir, TrainOptions options, Recipe recipe) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>(options.toJson());
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("epochs", recipe.epochs());
        resolved.put("lr", recipe.learningRate());
        resolved.put("optimizer", recipe.optimizer().toString());
        resolved.put("schedule", recipe.schedule().toString());
        resolved.put("augment", recipe.augment());
        resolved.put("weight_decay", recipe.weightDecay());
        resolved.put("momentum", recipe.momentum());
        resolved.put("nesterov", recipe.nesterov());
        resolved.put("label_smoothing", recipe.labelSmoothing());
        resolved.put("dropout", recipe.dropout());
        config.put("resolved", resolved);
        JsonWriter.write(dir.resolve(RunDirectory.CONFIG), config);
    }

    private static long parameterCount(Module model) {
        return model.parameters().stream().mapToLong(p -> p.value().size()).sum();
    }

    /** The sums of the epoch under way, kept in a checkpoint taken inside it (Ctrl-C). */
    private static final class Partial {
        int batches;
        double lossSum;
        long correct;
        long images;
        double seconds;
        double dataSeconds;
        int skipped;

        Map<String, Double> toMetrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("epoch_loss_sum", lossSum);
            m.put("epoch_correct", (double) correct);
            m.put("epoch_images", (double) images);
            m.put("epoch_seconds", seconds);
            m.put("epoch_data_seconds", dataSeconds);
            m.put("epoch_skipped", (double) skipped);
            return m;
        }

        static Partial fromMetrics(int batches, Map<String, Double> m) {
            Partial p = new Partial();
            p.batches = batches;
            p.lossSum = m.getOrDefault("epoch_loss_sum", 0.0);
            p.correct = m.getOrDefault("epoch_correct", 0.0).longValue();
            p.images = m.getOrDefault("epoch_images", 0.0).longValue();
            p.seconds = m.getOrDefault("epoch_seconds", 0.0);
            p.dataSeconds = m.getOrDefault("epoch_data_seconds", 0.0);
            p.skipped = m.getOrDefault("epoch_skipped", 0.0).intValue();
            return p;
        }
    }

    /** Where a run stands: finished epochs, the epoch under way, history, best score and skipped batches. */
    private static final class Progress {
        int epoch;
        Partial partial = new Partial();
        double bestValidation = -1;
        long skipped;
        List<EpochMetrics> history = new ArrayList<>();

        static Progress resume(Path dir, Module model, Optimizer optimizer, LRScheduler scheduler,
                Map<String, Generator> generators, PrintStream out) throws IOException {
            Checkpoint checkpoint = Checkpoint.load(dir.resolve(RunDirectory.CHECKPOINT));
            checkpoint.restoreInto(model, optimizer, scheduler, generators);
            Progress p = new Progress();
            p.epoch = (int) checkpoint.epoch();
            p.partial = Partial.fromMetrics((int) checkpoint.step(), checkpoint.metrics());
            p.bestValidation = checkpoint.metrics().getOrDefault("best_validation_accuracy", -1.0);
            p.skipped = checkpoint.metrics().getOrDefault("skipped_batches", 0.0).longValue();
            Path metrics = dir.resolve(RunDirectory.METRICS);
            if (Files.exists(metrics)) {
                // a kill after metrics.json was written but before the checkpoint leaves an epoch too many
                p.history = new ArrayList<>(MetricsFile.read(metrics).history().stream()
                        .filter(e -> e.epoch() <= p.epoch).toList());
            }
            out.printf("resuming %s at epoch %d, batch %d%n", dir, p.epoch + 1, p.partial.batches);
            return p;
        }
    }

    /**
     * How many of {@code trainingImages} are held out for validation: the last {@link #VALIDATION_IMAGES},
     * or a sixth when there are fewer than six times as many.
     */
    public static int validationImages(int trainingImages) {
        return Math.min(VALIDATION_IMAGES, trainingImages / 6);
    }

    /** The training, validation and test images as datasets, and how many training images there were before --limit. */
    private record Split(ImageDataset train, ImageDataset validation, ImageDataset test, int available) {
        static Split of(FashionMnist data, Integer limit, List<Integer> classes) {
            ImageSet train = classes.isEmpty() ? data.train() : data.train().onlyClasses(classes);
            ImageSet test = classes.isEmpty() ? data.test() : data.test().onlyClasses(classes);
            int available = train.size();
            train = limit == null ? train : train.first(Math.min(limit, train.size()));
            int held = validationImages(train.size());
            ImageDataset all = dataset(train);
            return new Split(all.subset(0, train.size() - held), all.subset(train.size() - held, train.size()),
                    dataset(test), available);
        }

        private static ImageDataset dataset(ImageSet set) {
            return new ImageDataset(set.pixels(), set.labels(), 1, set.rows(), set.cols());
        }
    }
}
