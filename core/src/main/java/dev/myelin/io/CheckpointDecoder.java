package dev.myelin.io;

import static dev.myelin.io.CheckpointFormat.EPOCH;
import static dev.myelin.io.CheckpointFormat.FORMAT_VERSION;
import static dev.myelin.io.CheckpointFormat.METRIC;
import static dev.myelin.io.CheckpointFormat.MODEL;
import static dev.myelin.io.CheckpointFormat.MYELIN_VERSION;
import static dev.myelin.io.CheckpointFormat.OPTIMIZER;
import static dev.myelin.io.CheckpointFormat.OPTIMIZER_TYPE;
import static dev.myelin.io.CheckpointFormat.RNG;
import static dev.myelin.io.CheckpointFormat.SCHEDULER;
import static dev.myelin.io.CheckpointFormat.SCHEDULER_TYPE;
import static dev.myelin.io.CheckpointFormat.STEP;
import static dev.myelin.io.CheckpointFormat.VERSION;

import dev.myelin.tensor.Tensor;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@linkplain CheckpointFormat checkpoint layout} back from a safetensors file and checks it:
 * a known format version, every required entry present, every number well-formed, and no entry it does
 * not know. Each fault becomes a {@link CheckpointException} naming the file and the entry.
 */
final class CheckpointDecoder {
    private static final List<String> REQUIRED = List.of(MYELIN_VERSION, EPOCH, STEP, OPTIMIZER_TYPE);

    /** A checkpoint's contents; the maps are unmodifiable and keep the file's order. */
    record Contents(int formatVersion, String myelinVersion, long epoch, long step, Map<String, Double> metrics,
            Map<String, Tensor> model, String optimizerType, Map<String, Tensor> optimizerTensors,
            Map<String, Double> optimizerScalars, String schedulerType, Map<String, Double> schedulerScalars,
            Map<String, long[]> generators) {
    }

    private final Path file;

    private CheckpointDecoder(Path file) {
        this.file = file;
    }

    /** The checked contents of a checkpoint that has been read as a safetensors file. */
    static Contents decode(SafetensorsFile f) throws CheckpointException {
        return new CheckpointDecoder(f.path()).contents(f.metadata(), f.tensors());
    }

    private Contents contents(Map<String, String> meta, Map<String, Tensor> tensors) throws CheckpointException {
        int version = formatVersion(meta);
        for (String key : REQUIRED) {
            if (!meta.containsKey(key)) {
                throw fault("the metadata has no '" + key + "'");
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Double> optimizerScalars = new LinkedHashMap<>();
        Map<String, Double> schedulerScalars = new LinkedHashMap<>();
        Map<String, long[]> generators = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            switch (key) {
                case FORMAT_VERSION, MYELIN_VERSION, EPOCH, STEP, OPTIMIZER_TYPE, SCHEDULER_TYPE -> {
                }
                default -> {
                    if (key.startsWith(OPTIMIZER)) {
                        optimizerScalars.put(suffix(key, OPTIMIZER), decimal(key, value));
                    } else if (key.startsWith(SCHEDULER)) {
                        schedulerScalars.put(suffix(key, SCHEDULER), decimal(key, value));
                    } else if (key.startsWith(METRIC)) {
                        metrics.put(suffix(key, METRIC), decimal(key, value));
                    } else if (key.startsWith(RNG)) {
                        generators.put(suffix(key, RNG), words(key, value));
                    } else {
                        throw fault("unknown metadata key '" + key + "' (format_version " + version + ")");
                    }
                }
            }
        }
        String schedulerType = meta.get(SCHEDULER_TYPE);
        if (schedulerType == null && !schedulerScalars.isEmpty()) {
            throw fault("the metadata holds scheduler state but no '" + SCHEDULER_TYPE + "'");
        }
        if (schedulerType != null && schedulerScalars.isEmpty()) {
            throw fault("the metadata names a scheduler (" + schedulerType + ") but holds none of its state");
        }

        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, Tensor> optimizerTensors = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(MODEL)) {
                model.put(suffix(name, MODEL), e.getValue());
            } else if (name.startsWith(OPTIMIZER)) {
                optimizerTensors.put(suffix(name, OPTIMIZER), e.getValue());
            } else {
                throw fault("unexpected tensor '" + name + "': checkpoint tensors are named " + MODEL + "* or "
                        + OPTIMIZER + "*");
            }
        }
        return new Contents(version, meta.get(MYELIN_VERSION), count(meta, EPOCH), count(meta, STEP),
                frozen(metrics), frozen(model), meta.get(OPTIMIZER_TYPE), frozen(optimizerTensors),
                frozen(optimizerScalars), schedulerType, frozen(schedulerScalars), frozen(generators));
    }

    private int formatVersion(Map<String, String> meta) throws CheckpointException {
        String text = meta.get(FORMAT_VERSION);
        if (text == null) {
            throw fault("the metadata has no '" + FORMAT_VERSION + "': not a Myelin checkpoint"
                    + (meta.containsKey("format") ? " (a state dict? load it with StateDict.load)" : ""));
        }
        long version;
        try {
            version = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw fault("'" + FORMAT_VERSION + "' is '" + text + "', not a version number; this build reads format_version "
                    + VERSION, e);
        }
        if (version > VERSION) {
            throw fault("format_version " + version + " is newer than this build of Myelin (" + MyelinVersion.current()
                    + ") reads: it reads format_version " + VERSION + "; use a newer Myelin");
        }
        if (version < 1) {
            throw fault("format_version " + version + " is unknown; this build reads format_version " + VERSION);
        }
        return (int) version;
    }

    private String suffix(String key, String prefix) throws CheckpointException {
        String rest = key.substring(prefix.length());
        if (rest.isEmpty()) {
            throw fault("entry '" + key + "' has an empty name after the prefix");
        }
        return rest;
    }

    private long count(Map<String, String> meta, String key) throws CheckpointException {
        String text = meta.get(key);
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw fault("metadata '" + key + "' is '" + text + "', not a whole number", e);
        }
        if (v < 0) {
            throw fault("metadata '" + key + "' is negative: " + v);
        }
        return v;
    }

    private double decimal(String key, String text) throws CheckpointException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw fault("metadata '" + key + "' is '" + text + "', not a number", e);
        }
    }

    private long[] words(String key, String text) throws CheckpointException {
        String[] parts = text.split(",", -1);
        long[] words = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                words[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw fault("metadata '" + key + "' is '" + text + "', not comma-separated 64-bit integers", e);
            }
        }
        return words;
    }

    private CheckpointException fault(String message) {
        return new CheckpointException(file, message);
    }

    private CheckpointException fault(String message, Throwable cause) {
        return new CheckpointException(file, message, cause);
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return Collections.unmodifiableMap(map);
    }
}
