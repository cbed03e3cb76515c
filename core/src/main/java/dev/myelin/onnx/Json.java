package dev.myelin.onnx;

import java.util.List;

/** The one piece of JSON the exporter writes: an array of strings, for the class names. */
final class Json {
    private Json() {
    }

    /** {@code ["a", "b"]}, each string quoted by {@link dev.myelin.io.Json#quote}. */
    static String stringArray(List<String> values) {
        StringBuilder s = new StringBuilder("[");
        for (String v : values) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append(dev.myelin.io.Json.quote(v));
        }
        return s.append(']').toString();
    }
}
