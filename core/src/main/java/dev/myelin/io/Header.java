package dev.myelin.io;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated JSON header of a safetensors file: every tensor's dtype, shape and place in the data
 * buffer, and the optional string metadata. Validation is complete before any tensor storage is
 * allocated, so a hostile header cannot make the reader allocate more than the file holds.
 */
final class Header {
    /** Shape enforces the same bound, so a tensor of this many elements can always be made. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;
    static final String METADATA_KEY = "__metadata__";
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

    /** One tensor's description; {@code begin} and {@code end} are byte offsets into the data buffer. */
    record Entry(String name, Dtype dtype, int[] shape, int elements, long begin, long end) {
        String describe() {
            return "'" + name + "' [" + begin + ", " + end + "]";
        }
    }

    private final List<Entry> entries;
    private final Map<String, String> metadata;

    private Header(List<Entry> entries, Map<String, String> metadata) {
        this.entries = entries;
        this.metadata = metadata;
    }

    /** The tensors, sorted by their begin offset (header order among equal offsets). */
    List<Entry> entries() {
        return entries;
    }

    /** The {@code __metadata__} map in header order; empty when absent. */
    Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Parses and validates a header.
     *
     * @param file         named in every error message
     * @param json         the header text
     * @param bufferLength bytes in the data buffer after the header
     */
    static Header parse(Path file, String json, long bufferLength) throws SafetensorsException {
        if (json.isEmpty() || json.charAt(0) != '{') {
            throw new SafetensorsException(file, "header must begin with '{'"
                    + (json.isEmpty() ? " but is empty" : " but begins with " + quoteChar(json.charAt(0))));
        }
        Object root;
        try {
            root = Json.parse(json);
        } catch (JsonException e) {
            throw new SafetensorsException(file, "header is not valid JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new SafetensorsException(file, "header must be a JSON object");
        }
        Map<String, String> metadata = Map.of();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) {
                metadata = metadata(file, e.getValue());
            } else {
                entries.add(entry(file, name, e.getValue(), bufferLength));
            }
        }
        // List.sort is stable, so empty tensors sharing an offset keep header order.
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkCoverage(file, entries, bufferLength);
        return new Header(Collections.unmodifiableList(entries), metadata);
    }

    private static Map<String, String> metadata(Path file, Object value) throws SafetensorsException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new SafetensorsException(file, METADATA_KEY + " must be an object of strings, got " + typeOf(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new SafetensorsException(file, METADATA_KEY + " value for '" + e.getKey() + "' must be a string, got "
                        + typeOf(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Entry entry(Path file, String name, Object value, long bufferLength) throws SafetensorsException {
        String where = "tensor '" + name + "': ";
        if (!(value instanceof Map<?, ?> map)) {
            throw new SafetensorsException(file, where + "entry must be an object, got " + typeOf(value));
        }
        for (String key : List.of("dtype", "shape", "data_offsets")) {
            if (!map.containsKey(key)) {
                throw new SafetensorsException(file, where + "missing key '" + key + "'");
            }
        }
        for (Object key : map.keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                throw new SafetensorsException(file, where + "unexpected key '" + key
                        + "' (an entry holds exactly dtype, shape and data_offsets)");
            }
        }
        Dtype dtype = dtype(file, where, map.get("dtype"));
        int[] shape = shape(file, where, map.get("shape"));
        long elements = elements(file, where, shape);
        long[] offsets = offsets(file, where, map.get("data_offsets"), bufferLength);
        long held = offsets[1] - offsets[0];
        long needed = elements * dtype.bytes();
        if (held != needed) {
            throw new SafetensorsException(file, where + "data_offsets [" + offsets[0] + ", " + offsets[1] + "] hold " + held
                    + " bytes but shape " + Arrays.toString(shape) + " of " + dtype + " needs " + needed);
        }
        if (!dtype.readable()) {
            throw new SafetensorsException(file, where + "dtype " + dtype
                    + " is not a type Myelin reads (F32, F16, BF16, or I64/I32 integers widened to float)");
        }
        return new Entry(name, dtype, shape, (int) elements, offsets[0], offsets[1]);
    }

    private static Dtype dtype(Path file, String where, Object value) throws SafetensorsException {
        if (!(value instanceof String s)) {
            throw new SafetensorsException(file, where + "dtype must be a string, got " + typeOf(value));
        }
        Dtype d = Dtype.byName(s);
        if (d == null) {
            throw new SafetensorsException(file, where + "unknown dtype '" + s + "'");
        }
        return d;
    }

    private static int[] shape(Path file, String where, Object value) throws SafetensorsException {
        if (!(value instanceof List<?> list)) {
            throw new SafetensorsException(file, where + "shape must be an array of integers, got " + typeOf(value));
        }
        int[] shape = new int[list.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(list.get(i) instanceof BigInteger d)) {
                throw new SafetensorsException(file, where + "shape " + list + " has a non-integer dimension "
                        + list.get(i));
            }
            if (d.signum() < 0) {
                throw new SafetensorsException(file, where + "shape " + list + " has a negative dimension " + d);
            }
            if (d.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
                throw new SafetensorsException(file, where + "shape " + list + " has a dimension " + d
                        + " larger than " + Integer.MAX_VALUE);
            }
            shape[i] = d.intValue();
        }
        return shape;
    }

    private static long elements(Path file, String where, int[] shape) throws SafetensorsException {
        long n = 1;
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        for (int d : shape) {
            n *= d; // both factors are below 2^31 and n stays below 2^31 here, so no overflow
            if (n > MAX_ELEMENTS) {
                throw new SafetensorsException(file, where + "shape " + Arrays.toString(shape)
                        + " has more elements than a tensor can hold (" + MAX_ELEMENTS + ")");
            }
        }
        return n;
    }

    private static long[] offsets(Path file, String where, Object value, long bufferLength) throws SafetensorsException {
        if (!(value instanceof List<?> list) || list.size() != 2
                || !(list.get(0) instanceof BigInteger b) || !(list.get(1) instanceof BigInteger e)) {
            throw new SafetensorsException(file, where + "data_offsets must be an array of two integers [begin, end], got "
                    + (value instanceof List<?> ? value : typeOf(value)));
        }
        if (b.signum() < 0 || e.signum() < 0) {
            throw new SafetensorsException(file, where + "data_offsets " + list + " are negative");
        }
        if (b.compareTo(e) > 0) {
            throw new SafetensorsException(file, where + "data_offsets " + list + " begin after they end");
        }
        if (e.compareTo(BigInteger.valueOf(bufferLength)) > 0) {
            throw new SafetensorsException(file, where + "data_offsets " + list + " exceed the data buffer of "
                    + bufferLength + " bytes");
        }
        return new long[] {b.longValueExact(), e.longValueExact()};
    }

    /** The spec asks that the tensors tile the buffer exactly: no overlap, no hole, nothing left over. */
    private static void checkCoverage(Path file, List<Entry> sorted, long bufferLength) throws SafetensorsException {
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < covered) {
                throw new SafetensorsException(file, "tensors " + previous.describe() + " and " + e.describe()
                        + " overlap");
            }
            if (e.begin() > covered) {
                throw new SafetensorsException(file, "bytes [" + covered + ", " + e.begin()
                        + ") of the data buffer belong to no tensor (a hole before tensor '" + e.name() + "')");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != bufferLength) {
            throw new SafetensorsException(file, "bytes [" + covered + ", " + bufferLength
                    + ") at the end of the data buffer belong to no tensor (a hole)");
        }
    }

    private static String typeOf(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> _ -> "an object";
            case List<?> _ -> "an array";
            case String _ -> "a string";
            case Boolean _ -> "a boolean";
            default -> "the number " + value;
        };
    }

    private static String quoteChar(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
