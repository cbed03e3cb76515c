package dev.myelin.io;

import dev.myelin.nn.LoadReport;
import dev.myelin.nn.Module;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A training checkpoint: everything needed to resume a run exactly, in one safetensors file (format:
 * <a href="https://github.com/huggingface/safetensors#format">github.com/huggingface/safetensors#format</a>).
 * The file holds the model's state dict, the optimizer's state, optionally a learning-rate scheduler's
 * state, named random generators, the epoch and step counters and named metrics.
 *
 * <h2>Layout (format version {@value #FORMAT_VERSION})</h2>
 * Tensors, all F32:
 * <ul>
 *   <li>{@code model.<state-dict name>}, e.g. {@code model.0.weight}, {@code model.1.running_mean};
 *   <li>{@code optimizer.<key>} for each entry of {@link Optimizer#stateTensors()}, e.g.
 *       {@code optimizer.group0.param3.exp_avg}.
 * </ul>
 * Metadata ({@code __metadata__}, string to string):
 * <ul>
 *   <li>{@code format_version} ({@code "1"}) and {@code myelin_version} (informational, never checked);
 *   <li>{@code epoch} and {@code step}, written with {@link Long#toString(long)};
 *   <li>{@code optimizer_type}, the optimizer's class name, and {@code optimizer.<key>} for each entry
 *       of {@link Optimizer#stateScalars()};
 *   <li>when a scheduler is saved, {@code scheduler_type} and {@code scheduler.<key>} for each entry of
 *       {@link LRScheduler#stateScalars()};
 *   <li>{@code rng.<name>} for each generator: the words of {@link Generator#state()}, each written with
 *       {@link Long#toString(long)}, separated by commas;
 *   <li>{@code metric.<name>} for each metric.
 * </ul>
 * Doubles are written with {@link Double#toString(double)}, which {@link Double#parseDouble} reads back
 * exactly. Loading rejects a file whose {@code format_version} is missing, unknown or newer than
 * {@link #FORMAT_VERSION}, that lacks a required entry, or that holds an entry it does not know.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * Checkpoint.save(path, CheckpointState.builder(model, optimizer)
 *         .scheduler(scheduler).generator("data", dataGenerator)
 *         .epoch(epoch).step(step).metric("loss", loss).build());
 *
 * // later, with freshly built objects of the same kinds and shapes:
 * Checkpoint checkpoint = Checkpoint.load(path);
 * checkpoint.restoreInto(model, optimizer, scheduler, Map.of("data", dataGenerator));
 * long epoch = checkpoint.epoch();
 * }</pre>
 *
 * <p>Saving is atomic: the file is written to a temporary file in the same directory, forced to disk and
 * renamed over the target, so a crash or an error while saving leaves the previous checkpoint intact.
 * Resuming is exact: training from a restored checkpoint gives bit-identical results to training
 * without interruption (given the same data order, which the restored generators provide).
 */
public final class Checkpoint {
    /** The checkpoint format version this build writes, and the newest it reads. */
    public static final int FORMAT_VERSION = CheckpointFormat.VERSION;

    private final Path file;
    private final CheckpointDecoder.Contents contents;

    private Checkpoint(Path file, CheckpointDecoder.Contents contents) {
        this.file = file;
        this.contents = contents;
    }

    /**
     * Writes {@code state} to {@code file} atomically, replacing any previous file. The objects' state is
     * read now, so a save must not overlap a training step.
     *
     * @param file the file to write, such as {@code last.ckpt}; its directory must exist
     * @param state the model, optimizer, scheduler, generators, counters and metrics to save
     * @throws IllegalArgumentException if a generator or metric name is not valid Unicode (a lone
     *     surrogate); nothing is written
     * @throws IOException if the file cannot be written; a previous file is then left as it was and no
     *     temporary file remains
     */
    public static void save(Path file, CheckpointState state) throws IOException {
        SafetensorsWriter.write(file, CheckpointFormat.tensors(state), CheckpointFormat.metadata(state));
    }

    /**
     * Reads and checks a checkpoint. Nothing is restored yet: see {@link #restoreInto}.
     *
     * @param file a file written by {@link #save}
     * @return the checkpoint's contents, held in memory; the file is closed
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws SafetensorsException              if the file is not a well-formed safetensors file
     * @throws CheckpointException               if it is not a checkpoint this build reads: no or a newer
     *                                           {@code format_version}, a required entry missing, a
     *                                           malformed number, or an unknown entry
     * @throws IOException                       if the file cannot be read
     */
    public static Checkpoint load(Path file) throws IOException {
        return new Checkpoint(file, CheckpointDecoder.decode(SafetensorsReader.read(file)));
    }

    /**
     * The file this checkpoint was read from.
     *
     * @return the path given to {@link #load}, named in this checkpoint's exceptions
     */
    public Path path() {
        return file;
    }

    /**
     * The format version of the file.
     *
     * @return from 1 to {@link #FORMAT_VERSION}
     */
    public int formatVersion() {
        return contents.formatVersion();
    }

    /**
     * The version of Myelin that wrote the file, for diagnosis; never checked.
     *
     * @return a version such as {@code 0.1.0-SNAPSHOT}, or {@code "unknown"} when the writer could not tell
     *     (as when run from a build directory)
     */
    public String myelinVersion() {
        return contents.myelinVersion();
    }

    /**
     * The epoch counter that was saved.
     *
     * @return a non-negative count, meaning what the training loop that saved it meant
     */
    public long epoch() {
        return contents.epoch();
    }

    /**
     * The step counter that was saved.
     *
     * @return a non-negative count, meaning what the training loop that saved it meant
     */
    public long step() {
        return contents.step();
    }

    /**
     * The metrics that were saved.
     *
     * @return the values by name, in the order they were saved, unmodifiable; exactly the doubles given,
     *     NaN and infinities included
     */
    public Map<String, Double> metrics() {
        return contents.metrics();
    }

    /**
     * The model's state dict as saved, for inspection or a non-strict
     * {@link Module#loadStateDict(Map, boolean)}.
     *
     * @return the parameters and buffers under their state-dict names (without the {@code model.}
     *     prefix), float32 tensors of the saved shapes; unmodifiable
     */
    public Map<String, Tensor> modelState() {
        return contents.model();
    }

    /**
     * The class of the optimizer that was saved; {@link #restoreInto} demands the same.
     *
     * @return its fully qualified class name, such as {@code dev.myelin.optim.AdamW}
     */
    public String optimizerType() {
        return contents.optimizerType();
    }

    /**
     * The class of the learning-rate scheduler that was saved; {@link #restoreInto} demands the same.
     *
     * @return its fully qualified class name, or null if none was saved
     */
    public String schedulerType() {
        return contents.schedulerType();
    }

    /**
     * The names of the saved generators; {@link #restoreInto} needs a generator for each.
     *
     * @return the names, in the order they were saved, unmodifiable; empty when none were saved
     */
    public Set<String> generatorNames() {
        return contents.generators().keySet();
    }

    /**
     * Loads only the model's parameters and buffers (strictly), for evaluation or fine-tuning. Values are
     * copied into the existing tensors.
     *
     * @param model a model of the saved architecture: the same state-dict names and shapes
     * @throws CheckpointException if the saved state dict does not fit {@code model}; nothing is loaded
     */
    public void restoreModel(Module model) throws CheckpointException {
        checkModel(model);
        model.loadStateDict(contents.model(), true);
    }

    /**
     * Restores everything into freshly built objects of the same kinds and shapes as those saved: the
     * model's parameters and buffers, the optimizer's state, the scheduler's state (which also re-applies
     * its learning rate), and the state of each generator. Nothing changes unless everything checks out.
     *
     * @param model      a model of the saved architecture: the same state-dict names and shapes
     * @param optimizer  an optimizer of the saved class over {@code model}'s parameters, with the same
     *                   parameter groups
     * @param scheduler  the scheduler, or null exactly when none was saved
     * @param generators the generators by the names they were saved under, exactly those names
     *                   ({@code Map.of()} when none were saved)
     * @throws CheckpointException naming the fault: a model entry missing, unexpected or of another shape,
     *     another optimizer or scheduler class, a scheduler given or missing, generator names that
     *     differ, or optimizer or scheduler state that does not fit (another number of groups or
     *     parameters, say)
     */
    public void restoreInto(Module model, Optimizer optimizer, LRScheduler scheduler, Map<String, Generator> generators)
            throws CheckpointException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(generators, "generators");
        checkType("optimizer", contents.optimizerType(), optimizer);
        checkScheduler(scheduler);
        checkGenerators(generators);
        checkModel(model);

        Map<String, Tensor> previousTensors = optimizer.stateTensors();
        Map<String, Double> previousScalars = optimizer.stateScalars();
        try {
            optimizer.loadState(contents.optimizerTensors(), contents.optimizerScalars());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "the optimizer state does not fit the given "
                    + optimizer.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (scheduler != null) {
            try {
                scheduler.loadState(contents.schedulerScalars());
            } catch (IllegalArgumentException e) {
                optimizer.loadState(previousTensors, previousScalars);
                throw new CheckpointException(file, "the scheduler state does not fit the given "
                        + scheduler.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        model.loadStateDict(contents.model(), true);
        generators.forEach((name, g) -> g.restore(contents.generators().get(name)));
    }

    private void checkModel(Module model) throws CheckpointException {
        LoadReport report = StateDictCheck.compare(model, contents.model());
        if (!report.isClean()) {
            throw new CheckpointException(file, "the model state does not fit the given "
                    + model.getClass().getSimpleName() + ":\n" + report.describe());
        }
    }

    private void checkType(String what, String saved, Object given) throws CheckpointException {
        String type = given.getClass().getName();
        if (!type.equals(saved)) {
            throw new CheckpointException(file, "the checkpoint holds the state of a " + saved + " " + what
                    + " but a " + type + " was given");
        }
    }

    private void checkScheduler(LRScheduler scheduler) throws CheckpointException {
        String saved = contents.schedulerType();
        if (saved == null && scheduler != null) {
            throw new CheckpointException(file, "the checkpoint holds no scheduler state but a "
                    + scheduler.getClass().getName() + " was given");
        }
        if (saved != null && scheduler == null) {
            throw new CheckpointException(file, "the checkpoint holds the state of a " + saved
                    + " scheduler but none was given");
        }
        if (scheduler != null) {
            checkType("scheduler", saved, scheduler);
        }
    }

    private void checkGenerators(Map<String, Generator> generators) throws CheckpointException {
        Map<String, long[]> saved = contents.generators();
        List<String> missing = new ArrayList<>();
        for (String name : saved.keySet()) {
            if (!generators.containsKey(name)) {
                missing.add(name);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : generators.keySet()) {
            if (!saved.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new CheckpointException(file, "the generators differ: saved " + saved.keySet()
                    + (missing.isEmpty() ? "" : ", not given " + missing)
                    + (unexpected.isEmpty() ? "" : ", given but not saved " + unexpected));
        }
        int words = new Generator(0).state().length;
        for (Map.Entry<String, long[]> e : saved.entrySet()) {
            if (e.getValue().length != words) {
                throw new CheckpointException(file, "generator '" + e.getKey() + "' has " + e.getValue().length
                        + " state words; a Generator has " + words);
            }
        }
    }
}
