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
import dev.myelin.nn.Module;
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
     * {@code options.out()} (see {@link RunDirectory}). The classic models are handed to
     * {@link ClassicTraining}.
     */
    public static void run(TrainOptions options, PrintStream out) throws Exception {
        if (!options.model().trainedInEpochs()) {
            ClassicTraining.run(options, out);
            return;
        }
        Recipe recipe = Recipe.of(options);
        if (options.threads() != null) {
            Myelin.setThreads(options.threads());
        }
        Path dir = options.out();
        Files.createDirectories(dir);
        Split split = Split.of(FashionMnist.load(options.data()), options.limit(), options.classes());
        Generator init = new Generator(options.seed());
        Generator dropout = new Generator(options.seed() ^ 0x5DEECE66DL);
        Module model = Presets.create(options.model(), options.classCount(), recipe.dropout(), init, dropout);
        if (options.initFrom() != null) {
            InitFrom.apply(model, options.initFrom(), out);
        }
        Freezing.apply(model, options.freeze(), out);
        DataLoader loader = DataLoader.builder(split.train()).batchSize(options.batchSize()).shuffle(true)
                .seed(options.seed()).dropLast(true).transform(Augmentation.forPreset(options.model(), recipe.augment()))
                .build();
        Optimizer optimizer = Optimizers.create(model, recipe);
        LRScheduler scheduler = Optimizers.schedule(optimizer, recipe, loader.numBatches());

        Losses.Loss trainingLoss = Losses.forTraining(options.model(), recipe.labelSmoothing());
        Losses.Loss loss = Losses.forPreset(options.model());
        Progress progress = new Progress();
        if (options.resume()) {
            progress = Progress.resume(dir, model, optimizer, scheduler, Map.of(DROPOUT_GENERATOR, dropout), out);
        } else {
            writeConfig(dir, options, recipe);
        }
        out.printf(Locale.ROOT, "training %s: %d parameters, %s, lr %.3g, %s schedule, %s, %d epochs of %d batches of %d;"
                + " %d validation, %d test images; %d threads%n", options.model(), parameterCount(model),
                recipe.describeOptimizer(), recipe.learningRate(), recipe.schedule(),
                recipe.augment() ? "augmented" : "no augmentation", recipe.epochs(), loader.numBatches(),
                options.batchSize(), split.validation().size(), split.test().size(), Myelin.threads());

        // Ctrl-C is honoured between steps; until run() returns, the JVM waits for the files to be written.
        try (Interrupt interrupt = new Interrupt()) {
            int stopAt = options.stopAfter() == null ? recipe.epochs() : Math.min(recipe.epochs(), options.stopAfter());
            for (int epoch = progress.epoch; epoch < stopAt; epoch++) {
                loader.setEpoch(epoch);
                EpochResult result = trainEpoch(model, trainingLoss, optimizer, scheduler, loader, epoch, recipe.epochs(),
                        progress.batchesDone, interrupt, out);
                if (result.interrupted) {
                    saveCheckpoint(dir, model, optimizer, scheduler, dropout, epoch, result.batchesDone, progress);
                    out.printf("%ninterrupted: checkpoint saved in %s; continue with --resume --out %s%n",
                            dir.resolve(RunDirectory.CHECKPOINT), dir);
                    return;
                }
                progress.batchesDone = 0;
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
                        + " (data %.1f%%)%n", epoch + 1, recipe.epochs(), result.loss, 100 * result.accuracy, val.loss(),
                        100 * val.accuracy(), improved ? " (best)" : "", result.imagesPerSecond, result.seconds,
                        100 * result.dataSeconds / result.seconds);
                progress.epoch = epoch + 1;
                saveCheckpoint(dir, model, optimizer, scheduler, dropout, epoch + 1, 0, progress);
                MetricsFile.write(dir, new Metrics(progress.history, Map.of()));
            }
            if (progress.epoch < recipe.epochs()) {
                out.printf("stopped after epoch %d of %d (--stop-after); continue with --resume --out %s%n",
                        progress.epoch, recipe.epochs(), dir);
                return;
            }
            finish(dir, model, loss, split, progress, out);
        }
    }

    /** Scores the best epoch's weights on the test set and writes the final metrics. */
    private static void finish(Path dir, Module model, Losses.Loss loss, Split split, Progress progress, PrintStream out)
            throws IOException {
        StateDict.load(model, dir.resolve(RunDirectory.MODEL));
        Evaluator.Score test = Evaluator.score(model, split.test(), loss);
        Map<String, Object> testMetrics = new LinkedHashMap<>();
        testMetrics.put("accuracy", test.accuracy());
        testMetrics.put("loss", test.loss());
        testMetrics.put("images", split.test().size());
        testMetrics.put("best_validation_accuracy", progress.bestValidation);
        testMetrics.put("training_seconds", progress.history.stream().mapToDouble(EpochMetrics::seconds).sum());
        MetricsFile.write(dir, new Metrics(progress.history, testMetrics));
        out.printf(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) with the best epoch's weights; run written to %s%n",
                100 * test.accuracy(), test.loss(), dir);
    }

    /** What one epoch did; {@code dataSeconds} is the time spent waiting for or preparing batches. */
    private record EpochResult(double loss, double accuracy, double seconds, double imagesPerSecond,
            double dataSeconds, boolean interrupted, int batchesDone) {
    }

    private static EpochResult trainEpoch(Module model, Losses.Loss lossFunction, Optimizer optimizer, LRScheduler scheduler, DataLoader loader,
            int epoch, int epochs, int skip, Interrupt interrupt, PrintStream out) {
        model.train();
        long start = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        long images = 0;
        int batchIndex = 0;
        String label = String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs);
        try (ProgressBar bar = ProgressBar.start(label, loader.numBatches(), ProgressBar.Unit.items("batches"), out);
                BatchIterator batches = loader.iterator()) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                if (batchIndex++ < skip) { // resuming inside an epoch: these batches were already trained
                    bar.advance(1);
                    continue;
                }
                if (interrupt.requested()) {
                    return new EpochResult(0, 0, 0, 0, 0, true, batchIndex - 1);
                }
                Tensor logits = model.forward(batch.inputs());
                Tensor loss = lossFunction.of(logits, batch.labels());
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                if (scheduler != null) {
                    scheduler.step();
                }
                lossSum += loss.item() * batch.size();
                correct += Accuracy.correct(logits, batch.labels());
                images += batch.size();
                double seconds = (System.nanoTime() - start) / 1e9;
                bar.field("loss", String.format(Locale.ROOT, "%.4f", lossSum / images))
                        .field("acc", String.format(Locale.ROOT, "%.2f%%", 100.0 * correct / images))
                        .field("img/s", String.format(Locale.ROOT, "%.0f", images / seconds));
                bar.advance(1);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new EpochResult(lossSum / Math.max(1, images), (double) correct / Math.max(1, images), seconds,
                    images / seconds, batches.waitNanos() / 1e9, false, batchIndex);
        }
    }

    private static void saveCheckpoint(Path dir, Module model, Optimizer optimizer, LRScheduler scheduler,
            Generator dropout, int epoch, int batchesDone, Progress progress) throws IOException {
        CheckpointState.Builder state = CheckpointState.builder(model, optimizer)
                .generator(DROPOUT_GENERATOR, dropout).epoch(epoch).step(batchesDone)
                .metric("best_validation_accuracy", progress.bestValidation);
        if (scheduler != null) {
            state.scheduler(scheduler);
        }
        Checkpoint.save(dir.resolve(RunDirectory.CHECKPOINT), state.build());
        if (!progress.history.isEmpty()) {
            MetricsFile.write(dir, new Metrics(progress.history, Map.of()));
        }
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

    /** Where a run stands: finished epochs, batches done in the current one, history and best score. */
    private static final class Progress {
        int epoch;
        int batchesDone;
        double bestValidation = -1;
        List<EpochMetrics> history = new ArrayList<>();

        static Progress resume(Path dir, Module model, Optimizer optimizer, LRScheduler scheduler,
                Map<String, Generator> generators, PrintStream out) throws IOException {
            Path file = dir.resolve(RunDirectory.CHECKPOINT);
            if (!Files.exists(file)) {
                throw new IOException("--resume: no checkpoint in " + dir + " (expected " + file + ")");
            }
            Checkpoint checkpoint = Checkpoint.load(file);
            checkpoint.restoreInto(model, optimizer, scheduler, generators);
            Progress p = new Progress();
            p.epoch = (int) checkpoint.epoch();
            p.batchesDone = (int) checkpoint.step();
            p.bestValidation = checkpoint.metrics().getOrDefault("best_validation_accuracy", -1.0);
            Path metrics = dir.resolve(RunDirectory.METRICS);
            if (Files.exists(metrics)) {
                p.history = new ArrayList<>(MetricsFile.read(metrics).history());
            }
            out.printf("resuming %s at epoch %d, batch %d%n", dir, p.epoch + 1, p.batchesDone);
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

    /** The training, validation and test images as datasets. */
    private record Split(ImageDataset train, ImageDataset validation, ImageDataset test) {
        static Split of(FashionMnist data, Integer limit, List<Integer> classes) {
            ImageSet train = classes.isEmpty() ? data.train() : data.train().onlyClasses(classes);
            ImageSet test = classes.isEmpty() ? data.test() : data.test().onlyClasses(classes);
            train = limit == null ? train : train.first(Math.min(limit, train.size()));
            int held = validationImages(train.size());
            ImageDataset all = dataset(train);
            return new Split(all.subset(0, train.size() - held), all.subset(train.size() - held, train.size()),
                    dataset(test));
        }

        private static ImageDataset dataset(ImageSet set) {
            return new ImageDataset(set.pixels(), set.labels(), 1, set.rows(), set.cols());
        }
    }
}
