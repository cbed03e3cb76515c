package dev.myelin.fashion.sweep;

import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.fashion.run.EpochMetrics;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.RunLock;
import dev.myelin.fashion.train.ModelPreset;
import dev.myelin.fashion.train.TrainOptions;
import dev.myelin.fashion.train.Tuning;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./fashion sweep}: random search over a preset's hyper-parameters ({@link SearchSpace}) with
 * successive halving ({@link Rungs}), selected on the validation split. Each trial is an ordinary run
 * folder under {@code trials/}; the sweep's own progress is in {@value SweepState#FILE}, the ranked
 * table in {@value #TABLE} and the winner's settings in {@value #BEST}, which {@code train --config}
 * reads.
 */
public final class Sweep {
    public static final String BEST = "best-config.json";
    public static final String TABLE = "sweep.md";
    static final String TRIALS = "trials";

    /** Trains one trial; {@code ./fashion train}'s trainer. */
    @FunctionalInterface
    public interface TrialTrainer {
        void train(TrainOptions options, PrintStream out) throws Exception;
    }

    /**
     * What to sweep.
     *
     * @param budgetMinutes start no trial's rung after this much time (counted across resumes); nullable
     * @param limit train on the first this-many training images; nullable
     */
    public record Options(ModelPreset model, int trials, int epochs, int eta, long seed, Double budgetMinutes,
            Integer threads, Integer limit, Path data, Path out) {
    }

    private Sweep() {
    }

    /** Runs (or resumes) the sweep and returns its trials, best first. */
    public static List<SweepState.Trial> run(Options o, TrialTrainer trainer, PrintStream out) throws IOException {
        try (RunLock lock = RunLock.acquire(o.out(), out)) { // two sweeps into one folder would mix their sweep.json
            return runLocked(o, trainer, out);
        }
    }

    private static List<SweepState.Trial> runLocked(Options o, TrialTrainer trainer, PrintStream out) throws IOException {
        SweepState.Plan plan = new SweepState.Plan(o.model().toString(), o.trials(), o.epochs(), o.eta(), o.seed(),
                o.limit());
        List<TrialSettings> settings = new SearchSpace(o.model()).draw(o.trials(), o.seed());
        boolean resuming = SweepState.exists(o.out());
        SweepState state = resuming ? SweepState.load(o.out(), plan, settings) : SweepState.fresh(plan, settings);
        Files.createDirectories(o.out().resolve(TRIALS));
        state.save(o.out());
        List<Rungs> rungs = Rungs.plan(o.trials(), o.epochs(), o.eta());
        out.printf(Locale.ROOT, "%s %s: %d trials, successive halving (eta %d) over %s epochs of a %d-epoch schedule%s%n",
                resuming ? "resuming sweep of" : "sweep of", o.model(), o.trials(), o.eta(),
                rungs.stream().map(r -> r.trials() + "x" + r.epochs()).toList(), o.epochs(),
                o.budgetMinutes() == null ? "" : String.format(Locale.ROOT, ", budget %.0f min", o.budgetMinutes()));

        long start = System.nanoTime();
        double before = state.elapsedSeconds;
        List<SweepState.Trial> candidates = new ArrayList<>(state.trials);
        boolean outOfTime = false;
        rungLoop:
        for (int r = 0; r < rungs.size(); r++) {
            Rungs rung = rungs.get(r);
            for (SweepState.Trial trial : candidates) {
                if (trial.accuracyAtEpoch.containsKey(rung.epochs()) || trial.error != null) {
                    continue; // done before a resume, or failed
                }
                state.elapsedSeconds = before + (System.nanoTime() - start) / 1e9;
                if (o.budgetMinutes() != null && state.elapsedSeconds > 60 * o.budgetMinutes()) {
                    outOfTime = true;
                    break rungLoop;
                }
                out.printf(Locale.ROOT, "%n[rung %d/%d, trial %d] %s, to epoch %d of %d%n", r + 1, rungs.size(),
                        trial.id, describe(trial.settings), rung.epochs(), o.epochs());
                train(o, trial, rung.epochs(), trainer, out);
                if (shuttingDown()) {
                    state.elapsedSeconds = before + (System.nanoTime() - start) / 1e9;
                    state.save(o.out());
                    return List.of();
                }
                state.elapsedSeconds = before + (System.nanoTime() - start) / 1e9;
                state.save(o.out());
                out.printf(Locale.ROOT, "[rung %d/%d, trial %d] %s%n", r + 1, rungs.size(), trial.id,
                        trial.error != null ? "failed: " + trial.error
                                : String.format(Locale.ROOT, "validation accuracy %.2f%%", 100 * trial.lastAccuracy()));
            }
            if (r + 1 < rungs.size()) {
                candidates = candidates.stream().sorted(byAccuracyAt(rung.epochs()))
                        .limit(rungs.get(r + 1).trials()).toList();
            }
        }
        state.elapsedSeconds = before + (System.nanoTime() - start) / 1e9;
        state.save(o.out());
        if (outOfTime) {
            out.printf(Locale.ROOT, "%nbudget of %.0f min reached after %.1f min: ranking what was done%n",
                    o.budgetMinutes(), state.elapsedSeconds / 60);
        }
        List<SweepState.Trial> ranked = state.trials.stream().sorted(RANKING).toList();
        String table = SweepTable.render(ranked, state.elapsedSeconds);
        Files.writeString(o.out().resolve(TABLE), table);
        out.println();
        out.print(table);
        writeBest(o, ranked.getFirst());
        return ranked;
    }

    /** Best first: the furthest rung reached, then the validation accuracy there, then the trial number. */
    static final Comparator<SweepState.Trial> RANKING = Comparator
            .comparingInt((SweepState.Trial t) -> t.lastAccuracy() < 0 ? -1 : t.epochsTrained()).reversed()
            .thenComparing(Comparator.comparingDouble(SweepState.Trial::lastAccuracy).reversed())
            .thenComparingInt(t -> t.id);

    private static Comparator<SweepState.Trial> byAccuracyAt(int epochs) {
        return Comparator.comparingDouble((SweepState.Trial t) -> {
            Double a = t.accuracyAtEpoch.get(epochs);
            return a == null || a.isNaN() ? -1 : a;
        }).reversed().thenComparingInt(t -> t.id);
    }

    /** Trains {@code trial} to epoch {@code epochs} (continuing its checkpoint) and records its validation accuracy. */
    private static void train(Options o, SweepState.Trial trial, int epochs, TrialTrainer trainer, PrintStream out) {
        Path dir = o.out().resolve(TRIALS).resolve(String.valueOf(trial.id));
        TrialSettings s = trial.settings;
        TrainOptions options = new TrainOptions(o.model(), o.epochs(), s.batchSize(), s.learningRate(), null, null, null,
                new Tuning(s.weightDecay(), null, null, s.labelSmoothing(), s.dropout()), o.seed(), o.threads(), dir,
                Files.exists(dir.resolve(RunDirectory.CHECKPOINT)), null, List.of(), o.data(), o.limit(), null, epochs,
                List.of());
        try {
            trainer.train(options, out);
            if (shuttingDown()) {
                return; // Ctrl-C: the trial saved its checkpoint, and the next start of the sweep continues it
            }
            List<EpochMetrics> history = MetricsFile.read(dir.resolve(RunDirectory.METRICS)).history();
            EpochMetrics last = history.getLast();
            if (last.epoch() != epochs) {
                throw new IOException("its history ends at epoch " + last.epoch() + ", not " + epochs);
            }
            trial.accuracyAtEpoch.put(epochs, Double.isFinite(last.valAccuracy()) ? last.valAccuracy() : Double.NaN);
        } catch (Exception e) {
            if (shuttingDown()) {
                return;
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            trial.error = message.replace('|', '/').replace('\n', ' ');
            trial.accuracyAtEpoch.put(epochs, Double.NaN);
        }
    }

    /** Whether the JVM is exiting (Ctrl-C): a trial cut short then is not a failed one. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** The winner's settings with the model and schedule, under config.json's keys. */
    private static void writeBest(Options o, SweepState.Trial best) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", o.model().toString());
        json.put("epochs", o.epochs());
        json.putAll(best.settings.toJson());
        json.put("seed", o.seed());
        json.put("sweep_trial", best.id);
        json.put("sweep_val_accuracy", best.lastAccuracy() < 0 ? null : best.lastAccuracy());
        json.put("sweep_epochs", best.epochsTrained());
        JsonWriter.write(o.out().resolve(BEST), json);
    }

    static String describe(TrialSettings s) {
        return String.format(Locale.ROOT, "lr %s, batch %d, weight decay %s, dropout %s, label smoothing %s",
                number(s.learningRate()), s.batchSize(), number(s.weightDecay()), number(s.dropout()),
                number(s.labelSmoothing()));
    }

    /** A drawn setting as stored (three significant digits), "1.12e-4" rather than "1.12E-4"; "-" for none. */
    static String number(Double value) {
        return value == null ? "-" : value.toString().replace("E", "e");
    }
}
