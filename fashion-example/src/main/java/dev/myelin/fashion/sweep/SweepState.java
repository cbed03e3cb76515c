package dev.myelin.fashion.sweep;

import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.io.JsonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a sweep has done, kept in {@value #FILE} in its folder and rewritten (atomically) after every
 * trial's rung, so that a killed sweep started again with the same options goes on where it stopped:
 * the plan it was started with, the time spent so far, and each trial's settings and validation
 * accuracy at each rung it reached.
 */
final class SweepState {
    static final String FILE = "sweep.json";

    /** The options that fix a sweep's trials and plan: a resumed sweep must be started with the same. */
    record Plan(String model, int trials, int epochs, int eta, long seed, Integer limit) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model);
            json.put("trials", trials);
            json.put("epochs", epochs);
            json.put("eta", eta);
            json.put("seed", seed);
            json.put("limit", limit);
            return json;
        }
    }

    /** One trial: its settings, its validation accuracy at the epoch of each rung it finished, or why it failed. */
    static final class Trial {
        final int id;
        final TrialSettings settings;
        final Map<Integer, Double> accuracyAtEpoch = new LinkedHashMap<>();
        String error;

        Trial(int id, TrialSettings settings) {
            this.id = id;
            this.settings = settings;
        }

        /** The last epoch it was measured at, or 0. */
        int epochsTrained() {
            return accuracyAtEpoch.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        /** Its validation accuracy at its last rung, or -1 if it has none (not run, or failed). */
        double lastAccuracy() {
            Double a = accuracyAtEpoch.get(epochsTrained());
            return a == null || a.isNaN() ? -1 : a;
        }
    }

    final Plan plan;
    final List<Trial> trials;
    double elapsedSeconds;

    SweepState(Plan plan, List<Trial> trials, double elapsedSeconds) {
        this.plan = plan;
        this.trials = trials;
        this.elapsedSeconds = elapsedSeconds;
    }

    /** A new sweep's state: every trial drawn, none run. */
    static SweepState fresh(Plan plan, List<TrialSettings> settings) {
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            trials.add(new Trial(i + 1, settings.get(i)));
        }
        return new SweepState(plan, trials, 0);
    }

    /**
     * The state in {@code dir}, if a sweep was started there.
     *
     * @throws IOException if the file is unreadable, or was written by a sweep with another plan
     */
    static SweepState load(Path dir, Plan expected, List<TrialSettings> settings) throws IOException {
        Path file = dir.resolve(FILE);
        Map<String, Object> json = JsonFields.object(JsonFields.read(file), file.toString());
        Object plan = json.get("plan");
        if (!Objects.equals(plan, JsonFields.parse(JsonWriter.write(expected.toJson())))) {
            throw new IOException(dir + " holds a sweep started with " + JsonWriter.write(plan).strip()
                    + "; resume it with the same options, or choose another --out");
        }
        SweepState state = fresh(expected, settings);
        state.elapsedSeconds = JsonFields.number(json, "elapsed_seconds", file.toString());
        try {
            for (Object item : JsonFields.array(json.get("trials"), "trials")) {
                Map<String, Object> t = JsonFields.object(item, "trial");
                Trial trial = state.trials.get((int) JsonFields.integer(t, "trial", file.toString()) - 1);
                for (Object r : JsonFields.array(t.get("results"), "results")) {
                    Map<String, Object> result = JsonFields.object(r, "result");
                    Object accuracy = result.get("val_accuracy");
                    trial.accuracyAtEpoch.put((int) JsonFields.integer(result, "epochs", file.toString()),
                            accuracy instanceof Number n ? n.doubleValue() : Double.NaN);
                }
                trial.error = JsonFields.optionalString(t, "error", file.toString());
            }
        } catch (IndexOutOfBoundsException e) {
            throw new JsonException(file + ": a trial number outside 1-" + state.trials.size());
        }
        return state;
    }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    void save(Path dir) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("plan", plan.toJson());
        json.put("elapsed_seconds", elapsedSeconds);
        List<Object> list = new ArrayList<>();
        for (Trial t : trials) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("trial", t.id);
            o.put("settings", t.settings.toJson());
            List<Object> results = new ArrayList<>();
            t.accuracyAtEpoch.forEach((epochs, accuracy) -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("epochs", epochs);
                r.put("val_accuracy", accuracy.isNaN() ? null : accuracy);
                results.add(r);
            });
            o.put("results", results);
            o.put("error", t.error);
            list.add(o);
        }
        json.put("trials", list);
        JsonWriter.write(dir.resolve(FILE), json);
    }
}
