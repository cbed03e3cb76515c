package dev.myelin.fashion.json;

import dev.myelin.io.Json;
import dev.myelin.io.JsonException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The program's JSON values: core's parser ({@link Json}), with numbers in the types the program
 * computes in, and typed access failing with a {@link JsonException} that names the field and the
 * file ({@code where}) when a value is missing or of the wrong kind.
 */
public final class JsonFields {
    private JsonFields() {}

    /** Reads a JSON file with {@link Json#read}, numbers as {@link #plain} gives them; errors name the file. */
    public static Object read(Path file) throws IOException {
        return plain(Json.read(file));
    }

    /** Parses JSON text with {@link Json#parse}, numbers as {@link #plain} gives them. */
    public static Object parse(String text) throws JsonException {
        return plain(Json.parse(text));
    }

    /**
     * {@code value} with core's exact numbers turned into the program's: a whole number that fits to
     * {@code Long}, any other number to {@code Double} (the nearest, infinite beyond its range); objects
     * and arrays are rebuilt in the same order, everything else is kept.
     */
    static Object plain(Object value) {
        return switch (value) {
            case BigInteger i -> i.bitLength() < Long.SIZE ? (Object) i.longValue() : (Object) i.doubleValue();
            case BigDecimal d -> d.doubleValue();
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put((String) k, plain(v)));
                yield copy;
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(v -> copy.add(plain(v)));
                yield copy;
            }
            case null, default -> value;
        };
    }

    /** {@code value} as an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value, String where) throws JsonException {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new JsonException(where + ": expected an object, found " + describe(value));
    }

    /** {@code value} as an array. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value, String where) throws JsonException {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new JsonException(where + ": expected an array, found " + describe(value));
    }

    /** The number under {@code key}; a missing key or {@code null} (how NaN is written) gives NaN. */
    public static double number(Map<String, Object> object, String key, String where) throws JsonException {
        Object value = object.get(key);
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new JsonException(where + ": \"" + key + "\" should be a number, found " + describe(value));
    }

    /** The whole number under {@code key}, which must be present. */
    public static long integer(Map<String, Object> object, String key, String where) throws JsonException {
        if (object.get(key) instanceof Long n) {
            return n;
        }
        throw new JsonException(where + ": \"" + key + "\" should be a whole number, found " + describe(object.get(key)));
    }

    /** The string under {@code key}, or {@code null} when it is absent. */
    public static String optionalString(Map<String, Object> object, String key, String where) throws JsonException {
        Object value = object.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new JsonException(where + ": \"" + key + "\" should be a string, found " + describe(value));
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "nothing";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            case String s -> "a string";
            case Number n -> "a number";
            case Boolean b -> "a boolean";
            default -> value.getClass().getSimpleName();
        };
    }
}
