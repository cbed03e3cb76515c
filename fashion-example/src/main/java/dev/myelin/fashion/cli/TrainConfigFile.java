package dev.myelin.fashion.cli;

import dev.myelin.fashion.json.JsonFields;
import dev.myelin.io.Json;
import dev.myelin.io.JsonException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON file of {@code train --config FILE}: a run's {@code config.json}, or the
 * {@code best-config.json} a sweep writes. Keys are the command line's names with underscores
 * ({@code "lr"}, {@code "batch_size"}, {@code "weight_decay"}, ...); a missing or null key leaves the
 * option to the command line or the preset. Every getter names the file and the key when a value has
 * the wrong type.
 */
final class TrainConfigFile {
    private final Path file;
    private final Map<String, Object> values;

    private TrainConfigFile(Path file, Map<String, Object> values) {
        this.file = file;
        this.values = values;
    }

    /** @throws IllegalArgumentException if the file cannot be read or is not a JSON object */
    static TrainConfigFile read(Path file) {
        try {
            return new TrainConfigFile(file, JsonFields.object(JsonFields.read(file), file.toString()));
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + file + ": " + e.getMessage(), e);
        }
    }

    Double number(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(key, "a number", v);
    }

    Integer integer(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Long n && n == n.intValue()) {
            return n.intValue();
        }
        throw wrong(key, "a whole number", v);
    }

    Boolean bool(String key) {
        Object v = values.get(key);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw wrong(key, "true or false", v);
    }

    /** A value of an enum by its command-line name ("adamw", "onecycle"). */
    <E extends Enum<E>> E choice(String key, Class<E> type) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, String.valueOf(v).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.toString());
            }
            throw wrong(key, "one of " + names, v);
        }
    }

    List<Integer> integers(String key) {
        return list(key, "a list of whole numbers", item -> item instanceof Long n && n == n.intValue() ? n.intValue() : null);
    }

    /** A list of strings, such as {@code "freeze": ["0.", "3."]}. */
    List<String> strings(String key) {
        return list(key, "a list of strings", item -> item instanceof String text ? text : null);
    }

    /** A list whose items {@code convert} takes (null for an item of the wrong type). */
    private <T> List<T> list(String key, String expected, java.util.function.Function<Object, T> convert) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        try {
            for (Object item : JsonFields.array(v, key)) {
                T converted = convert.apply(item);
                if (converted == null) {
                    throw wrong(key, expected, v);
                }
                out.add(converted);
            }
        } catch (JsonException e) {
            throw wrong(key, expected, v);
        }
        return out;
    }

    /** The {@code "resolved"} object a run's config.json holds (the preset's defaults made explicit); empty if none. */
    TrainConfigFile resolved() {
        Object v = values.get("resolved");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return new TrainConfigFile(file, map);
    }

    /** The file it was read from. */
    Path file() {
        return file;
    }

    private IllegalArgumentException wrong(String key, String expected, Object value) {
        return new IllegalArgumentException("--config " + file + ": \"" + key + "\" must be " + expected + ", not "
                + Json.printable(String.valueOf(value)));
    }
}
