package dev.myelin.onnx;

import java.util.List;

/** The one piece of JSON the exporter writes: an array of strings, for the class names. */
final class Json {
    private Json() {
    }

    /** {@code ["a", "b"]}, with quotes, backslashes and control characters escaped. */
    static String stringArray(List<String> values) {
        StringBuilder s = new StringBuilder("[");
        for (String v : values) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append('"');
            for (char c : v.toCharArray()) {
                switch (c) {
                    case '"' -> s.append("\\\"");
                    case '\\' -> s.append("\\\\");
                    default -> s.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            s.append('"');
        }
        return s.append(']').toString();
    }
}
