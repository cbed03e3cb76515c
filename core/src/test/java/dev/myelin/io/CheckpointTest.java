package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.nn.Linear;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.optim.OneCycleLR;
import dev.myelin.optim.ParamGroup;
import dev.myelin.optim.SGD;
import dev.myelin.optim.StepLR;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file's layout, its metadata round trip, and every way loading or restoring refuses. */
class CheckpointTest {
    @TempDir
    Path dir;

    private Path file;
    private TinyRun saved;

    @BeforeEach
    void saveACheckpoint() throws IOException {
        saved = new TinyRun(TinyRun.Kind.ADAM_STEP_LR, 1, 2);
        for (int s = 0; s < 4; s++) {
            saved.step();
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", 0.1);
        metrics.put("val/accuracy", 0.75);
        metrics.put("nan", Double.NaN);
        metrics.put("worst", Double.NEGATIVE_INFINITY);
        file = dir.resolve("tiny.ckpt");
        Checkpoint.save(file, CheckpointState.builder(saved.model, saved.optimizer).scheduler(saved.scheduler)
                .generator("data", saved.data).generator("dropout", saved.dropout)
                .epoch(2).step(4).metrics(metrics).build());
    }

    private TinyRun fresh() {
        return new TinyRun(TinyRun.Kind.ADAM_STEP_LR, 5, 6);
    }

    /** Rewrites the checkpoint with its metadata or tensors changed, to build damaged files. */
    private void rewrite(Consumer<Map<String, String>> metadata, Consumer<Map<String, Tensor>> tensors) throws IOException {
        SafetensorsFile f = SafetensorsReader.read(file);
        Map<String, String> m = new LinkedHashMap<>(f.metadata());
        Map<String, Tensor> t = new LinkedHashMap<>(f.tensors());
        metadata.accept(m);
        tensors.accept(t);
        SafetensorsWriter.write(file, t, m);
    }

    private void rewriteMetadata(Consumer<Map<String, String>> metadata) throws IOException {
        rewrite(metadata, t -> { });
    }

    private CheckpointException loadFails() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ layout and round trip

    @Test
    void theFileHoldsTheDocumentedLayout() throws IOException {
        SafetensorsFile f = SafetensorsReader.read(file);
        List<String> names = List.copyOf(f.tensors().keySet());
        assertEquals("model.0.weight", names.getFirst());
        assertTrue(names.contains("model.1.num_batches_tracked"));
        assertTrue(names.contains("optimizer.group0.param0.exp_avg") && names.contains("optimizer.group0.param5.exp_avg_sq"),
                names.toString());
        Map<String, String> m = f.metadata();
        assertEquals("1", m.get("format_version"));
        assertTrue(m.containsKey("myelin_version"));
        assertEquals("2", m.get("epoch"));
        assertEquals("4", m.get("step"));
        assertEquals("dev.myelin.optim.Adam", m.get("optimizer_type"));
        assertEquals("dev.myelin.optim.StepLR", m.get("scheduler_type"));
        assertEquals(Double.toString(saved.optimizer.lr()), m.get("optimizer.group0.lr"));
        assertEquals("4.0", m.get("optimizer.group0.param0.step"));
        assertEquals("4.0", m.get("scheduler.last_epoch"));
        long[] words = saved.data.state();
        assertEquals(words[0] + "," + words[1], m.get("rng.data"));
        assertEquals("NaN", m.get("metric.nan"));
        assertEquals("-Infinity", m.get("metric.worst"));
    }

    @Test
    void countersMetricsAndNamesRoundTrip() throws IOException {
        Checkpoint c = Checkpoint.load(file);
        assertEquals(file, c.path());
        assertEquals(1, c.formatVersion());
        assertEquals(Checkpoint.FORMAT_VERSION, c.formatVersion());
        assertEquals(2, c.epoch());
        assertEquals(4, c.step());
        assertEquals(List.of("loss", "val/accuracy", "nan", "worst"), List.copyOf(c.metrics().keySet()));
        assertEquals(0.1, c.metrics().get("loss"));
        assertTrue(c.metrics().get("nan").isNaN());
        assertEquals(Double.NEGATIVE_INFINITY, c.metrics().get("worst"));
        assertEquals("dev.myelin.optim.Adam", c.optimizerType());
        assertEquals("dev.myelin.optim.StepLR", c.schedulerType());
        assertEquals(List.of("data", "dropout"), List.copyOf(c.generatorNames()));
        assertTrue(c.myelinVersion() != null && !c.myelinVersion().isEmpty());
        assertTrue(saved.model.stateDict().get("0.weight").contentEquals(c.modelState().get("0.weight")));
    }

    @Test
    void aCheckpointWithoutSchedulerOrGeneratorsRestores() throws IOException {
        Sequential model = new Sequential(new Linear(2, 2, new Generator(1)));
        SGD sgd = new SGD(model.parameters(), 0.1);
        Checkpoint.save(file, CheckpointState.builder(model, sgd).build());
        Checkpoint c = Checkpoint.load(file);
        assertNull(c.schedulerType());
        assertEquals(0, c.epoch());
        assertTrue(c.metrics().isEmpty());
        Sequential other = new Sequential(new Linear(2, 2, new Generator(2)));
        c.restoreInto(other, new SGD(other.parameters(), 0.5), null, Map.of());
        assertTrue(model.stateDict().get("0.weight").contentEquals(other.stateDict().get("0.weight")));
    }

    @Test
    void restoreModelLoadsOnlyTheWeights() throws IOException {
        TinyRun target = fresh();
        Checkpoint.load(file).restoreModel(target.model);
        assertTrue(saved.model.stateDict().get("4.weight").contentEquals(target.model.stateDict().get("4.weight")));
        assertTrue(target.optimizer.stateTensors().isEmpty(), "the optimizer is left alone");
    }

    // ------------------------------------------------------------------ refused on load

    @Test
    void aMissingFileIsANoSuchFileException() {
        assertThrows(NoSuchFileException.class, () -> Checkpoint.load(dir.resolve("none.ckpt")));
    }

    @Test
    void aNewerFormatVersionSaysWhichVersionThisBuildReads() throws IOException {
        rewriteMetadata(m -> m.put("format_version", "2"));
        assertMentions(loadFails(), "format_version 2 is newer", "reads format_version 1");
    }

    @Test
    void anUnknownOrMalformedFormatVersionIsRefused() throws IOException {
        rewriteMetadata(m -> m.put("format_version", "0"));
        assertMentions(loadFails(), "format_version 0 is unknown");
        rewriteMetadata(m -> m.put("format_version", "1.0"));
        CheckpointException e = loadFails();
        assertMentions(e, "'format_version' is '1.0'", "reads format_version 1");
        assertInstanceOf(NumberFormatException.class, e.getCause());
    }

    @Test
    void aStateDictFileIsNotACheckpoint() throws IOException {
        StateDict.save(saved.model, file);
        assertMentions(loadFails(), "no 'format_version'", "not a Myelin checkpoint", "StateDict.load");
    }

    @Test
    void everyRequiredEntryMustBePresent() throws IOException {
        for (String key : List.of("myelin_version", "epoch", "step", "optimizer_type")) {
            saveACheckpoint();
            rewriteMetadata(m -> m.remove(key));
            assertMentions(loadFails(), "no '" + key + "'");
        }
    }

    @Test
    void malformedNumbersNameTheirKey() throws IOException {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("epoch", "2x");
        bad.put("step", "");
        bad.put("metric.loss", "low");
        bad.put("optimizer.group0.lr", "0,1");
        bad.put("scheduler.last_epoch", "four");
        bad.put("rng.data", "1,x");
        for (var entry : bad.entrySet()) {
            saveACheckpoint();
            rewriteMetadata(m -> m.put(entry.getKey(), entry.getValue()));
            CheckpointException e = loadFails();
            assertMentions(e, "'" + entry.getKey() + "'");
            assertInstanceOf(NumberFormatException.class, e.getCause());
        }
        saveACheckpoint();
        rewriteMetadata(m -> m.put("step", "-1"));
        assertMentions(loadFails(), "'step' is negative");
    }

    @Test
    void unknownEntriesAreRefused() throws IOException {
        rewriteMetadata(m -> m.put("learning_rate", "0.1"));
        assertMentions(loadFails(), "unknown metadata key 'learning_rate'");
        saveACheckpoint();
        rewrite(m -> { }, t -> t.put("ema.0.weight", Tensor.zeros(1)));
        assertMentions(loadFails(), "unexpected tensor 'ema.0.weight'");
        saveACheckpoint();
        rewriteMetadata(m -> m.put("metric.", "1.0"));
        assertMentions(loadFails(), "'metric.' has an empty name");
    }

    @Test
    void schedulerStateAndTypeComeTogether() throws IOException {
        rewriteMetadata(m -> m.remove("scheduler_type"));
        assertMentions(loadFails(), "scheduler state but no 'scheduler_type'");
        saveACheckpoint();
        rewriteMetadata(m -> m.keySet().removeIf(k -> k.startsWith("scheduler.")));
        assertMentions(loadFails(), "names a scheduler (dev.myelin.optim.StepLR) but holds none of its state");
    }

    // ------------------------------------------------------------------ refused on restore, changing nothing

    private interface Restore {
        void run() throws CheckpointException;
    }

    /** Fails unless {@code restore} throws a CheckpointException mentioning {@code parts} and leaves {@code target} as it was. */
    private void assertRefused(TinyRun target, Restore restore, String... parts) {
        Map<String, Object> before = target.snapshot();
        CheckpointException e = assertThrows(CheckpointException.class, restore::run);
        assertEquals(file, e.file());
        assertMentions(e, parts);
        Map<String, Object> after = target.snapshot();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> {
            Object w = after.get(k);
            boolean same = v instanceof Tensor t ? t.contentEquals((Tensor) w)
                    : v instanceof long[] a ? Arrays.equals(a, (long[]) w) : v.equals(w);
            assertTrue(same, k + " changed although the restore failed");
        });
    }

    @Test
    void anotherOptimizerClassIsRefused() throws IOException {
        Checkpoint c = Checkpoint.load(file);
        TinyRun target = fresh();
        SGD sgd = new SGD(target.model.parameters(), 0.1);
        assertRefused(target, () -> c.restoreInto(target.model, sgd, null, target.generators()),
                "state of a dev.myelin.optim.Adam optimizer but a dev.myelin.optim.SGD was given");
    }

    @Test
    void aMissingOrExtraOrOtherSchedulerIsRefused() throws IOException {
        Checkpoint c = Checkpoint.load(file);
        TinyRun target = fresh();
        assertRefused(target, () -> c.restoreInto(target.model, target.optimizer, null, target.generators()),
                "StepLR scheduler but none was given");
        TinyRun other = fresh();
        OneCycleLR oneCycle = new OneCycleLR(other.optimizer, 0.1, 20);
        assertRefused(other, () -> c.restoreInto(other.model, other.optimizer, oneCycle, other.generators()),
                "StepLR scheduler but a dev.myelin.optim.OneCycleLR was given");

        Sequential model = new Sequential(new Linear(2, 2, new Generator(1)));
        SGD sgd = new SGD(model.parameters(), 0.1);
        Checkpoint.save(file, CheckpointState.builder(model, sgd).build());
        Checkpoint plain = Checkpoint.load(file);
        var e = assertThrows(CheckpointException.class, () -> plain.restoreInto(model, sgd,
                new StepLR(sgd, 1, 0.5), Map.of()));
        assertMentions(e, "holds no scheduler state");
    }

    @Test
    void generatorNamesMustMatch() throws IOException {
        Checkpoint c = Checkpoint.load(file);
        TinyRun target = fresh();
        Map<String, Generator> gens = Map.of("data", target.data, "noise", new Generator(3));
        assertRefused(target, () -> c.restoreInto(target.model, target.optimizer, target.scheduler, gens),
                "not given [dropout]", "given but not saved [noise]");
    }

    @Test
    void aModelOfAnotherArchitectureIsRefusedWithEveryMismatch() throws IOException {
        Checkpoint c = Checkpoint.load(file);
        TinyRun target = fresh();
        Sequential other = new Sequential(new Linear(6, 16, new Generator(1)), new Linear(16, 4, new Generator(2)));
        assertRefused(target, () -> c.restoreInto(other, target.optimizer, target.scheduler, target.generators()),
                "model state does not fit", "\"1.running_mean\"", "size mismatch for 1.weight");
        assertThrows(CheckpointException.class, () -> c.restoreModel(other));
    }

    @Test
    void optimizerStateThatDoesNotFitIsRefused() throws IOException {
        Checkpoint c = Checkpoint.load(file);
        TinyRun target = fresh();
        var params = target.model.parameters();
        Adam twoGroups = new Adam(List.of(new ParamGroup(params.subList(0, 2)), new ParamGroup(params.subList(2, 6))),
                1e-2);
        assertRefused(target, () -> c.restoreInto(target.model, twoGroups, target.scheduler, target.generators()),
                "optimizer state does not fit the given Adam");
    }

    @Test
    void aMissingModelOrOptimizerTensorIsNamedOnRestore() throws IOException {
        rewrite(m -> { }, t -> t.remove("model.1.running_var"));
        TinyRun target = fresh();
        Checkpoint noRunningVar = Checkpoint.load(file);
        assertRefused(target, () -> noRunningVar.restoreInto(target.model, target.optimizer, target.scheduler,
                target.generators()), "missing key(s) in state dict: \"1.running_var\"");

        saveACheckpoint();
        rewrite(m -> { }, t -> t.remove("optimizer.group0.param2.exp_avg_sq"));
        Checkpoint noExpAvgSq = Checkpoint.load(file);
        assertRefused(target, () -> noExpAvgSq.restoreInto(target.model, target.optimizer, target.scheduler,
                target.generators()), "optimizer state does not fit", "missing tensor group0.param2.exp_avg_sq");
    }

    @Test
    void aSchedulerFailureRollsTheOptimizerBack() throws IOException {
        saved = new TinyRun(TinyRun.Kind.SGD_MOMENTUM_ONE_CYCLE, 1, 2);
        for (int s = 0; s < 6; s++) {
            saved.step();
        }
        Checkpoint.save(file, CheckpointState.builder(saved.model, saved.optimizer).scheduler(saved.scheduler).build());
        Checkpoint c = Checkpoint.load(file);
        Sequential model = new TinyRun(TinyRun.Kind.SGD_MOMENTUM_ONE_CYCLE, 5, 6).model;
        SGD sgd = new SGD(model.parameters(), 0.05, 0.9);
        OneCycleLR shortSchedule = new OneCycleLR(sgd, 0.1, 4); // cannot be at step 6
        Map<String, Tensor> tensorsBefore = sgd.stateTensors();
        Map<String, Double> scalarsBefore = sgd.stateScalars();
        Tensor weightBefore = model.stateDict().get("0.weight").copy();

        var e = assertThrows(CheckpointException.class, () -> c.restoreInto(model, sgd, shortSchedule, Map.of()));

        assertMentions(e, "scheduler state does not fit the given OneCycleLR", "last_epoch");
        assertEquals(tensorsBefore.keySet(), sgd.stateTensors().keySet());
        assertEquals(scalarsBefore, sgd.stateScalars());
        assertEquals(0, shortSchedule.lastEpoch());
        assertTrue(weightBefore.contentEquals(model.stateDict().get("0.weight")), "model untouched");
    }
}
