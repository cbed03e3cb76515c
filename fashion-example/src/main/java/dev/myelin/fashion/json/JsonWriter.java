package dev.myelin.fashion.json;

import dev.myelin.fashion.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and null as indented JSON.
 *
 * <p>Lists that hold only numbers stay on one line, so a confusion-matrix row reads as a row.
 * NaN and infinities have no JSON form and are written as {@code null}.
 */
public final class JsonWriter {
    private static final String INDENT = "  ";

    private final StringBuilder out = new StringBuilder();

    private JsonWriter() {}

    /** The JSON text of {@code value}, ending with a newline. */
    public static String write(Object value) {
        JsonWriter writer = new JsonWriter();
        writer.value(value, 0);
        return writer.out.append('\n').toString();
    }

    /** Writes {@code value} to {@code file} atomically. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, write(value));
    }

    private void value(Object value, int level) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s);
            case Boolean b -> out.append(b);
            case Double d -> number(d);
            case Float f -> number(f);
            case Number n -> out.append(n);
            case Map<?, ?> map -> object(map, level);
            case Collection<?> list -> array(list, level);
            case int[] ints -> array(Arrays.stream(ints).boxed().toList(), level);
            case double[] doubles -> array(Arrays.stream(doubles).boxed().toList(), level);
            case float[] floats -> array(floatList(floats), level);
            case Enum<?> e -> string(e.toString());
            case Path p -> string(p.toString());
            default -> throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static List<Float> floatList(float[] floats) {
        List<Float> list = new ArrayList<>(floats.length);
        for (float f : floats) {
            list.add(f);
        }
        return list;
    }

    private void number(double d) {
        if (!Double.isFinite(d)) {
            out.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(d);
        }
    }

    private void number(float f) {
        if (!Float.isFinite(f)) {
            out.append("null");
        } else {
            out.append(f); // Float.toString is the shortest text that reads back as the same float
        }
    }

    private void object(Map<?, ?> map, int level) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> entry = it.next();
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings: " + entry.getKey());
            }
            out.append(INDENT.repeat(level + 1));
            string(key);
            out.append(": ");
            value(entry.getValue(), level + 1);
            out.append(it.hasNext() ? ",\n" : "\n");
        }
        out.append(INDENT.repeat(level)).append('}');
    }

    private void array(Collection<?> list, int level) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        boolean flat = list.stream().allMatch(v -> v instanceof Number);
        out.append(flat ? "[" : "[\n");
        Iterator<?> it = list.iterator();
        while (it.hasNext()) {
            if (!flat) {
                out.append(INDENT.repeat(level + 1));
            }
            value(it.next(), level + 1);
            if (it.hasNext()) {
                out.append(flat ? ", " : ",\n");
            }
        }
        out.append(flat ? "]" : "\n" + INDENT.repeat(level) + "]");
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
