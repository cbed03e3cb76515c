package dev.myelin.fashion.json;

import java.util.List;
import java.util.Map;

/**
 * Typed access to parsed JSON values, failing with a {@link JsonException} that names the field and
 * the file ({@code where}) when a value is missing or of the wrong kind.
 */
public final class JsonFields {
    private JsonFields() {}

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
