package dev.myelin.nn;

import dev.myelin.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Module#loadStateDict} found, like PyTorch's {@code _IncompatibleKeys} plus the shape
 * mismatches: the keys the module expects but the state dict lacks, the keys of the state dict the
 * module does not have, and the entries present on both sides with different shapes. Lists are in the
 * module's (or, for unexpected keys, the state dict's) order.
 *
 * <p>It also names the entries loaded with a NaN or an infinity in them: PyTorch loads those without a
 * word, and a model whose training diverged then answers with confidence and meaning nothing. Such
 * entries are loaded, and do not make the report unclean (the keys and shapes fit); the caller decides
 * how loudly to warn.
 *
 * @param missingKeys     expected by the module, absent from the state dict
 * @param unexpectedKeys  present in the state dict, unknown to the module
 * @param shapeMismatches present on both sides with different shapes (not loaded)
 * @param nonFiniteKeys   loaded, and holding at least one NaN or infinite value
 */
public record LoadReport(List<String> missingKeys, List<String> unexpectedKeys, List<ShapeMismatch> shapeMismatches,
        List<String> nonFiniteKeys) {
    /** Copies the lists, so the report is immutable. */
    public LoadReport {
        missingKeys = List.copyOf(missingKeys);
        unexpectedKeys = List.copyOf(unexpectedKeys);
        shapeMismatches = List.copyOf(shapeMismatches);
        nonFiniteKeys = List.copyOf(nonFiniteKeys);
    }

    /**
     * A report of key and shape problems only, before anything is loaded (no non-finite entry known).
     *
     * @param missingKeys     expected by the module, absent from the state dict
     * @param unexpectedKeys  present in the state dict, unknown to the module
     * @param shapeMismatches present on both sides with different shapes
     */
    public LoadReport(List<String> missingKeys, List<String> unexpectedKeys, List<ShapeMismatch> shapeMismatches) {
        this(missingKeys, unexpectedKeys, shapeMismatches, List.of());
    }

    /**
     * An entry whose shape in the state dict differs from the module's.
     *
     * @param key      the state-dict name, such as {@code 3.weight}
     * @param expected the shape of the module's tensor
     * @param found    the shape in the state dict
     */
    public record ShapeMismatch(String key, Shape expected, Shape found) {
    }

    /**
     * Whether everything was loaded.
     *
     * @return true when no key is missing or unexpected and no shape differs (non-finite entries do not count)
     */
    public boolean isClean() {
        return missingKeys.isEmpty() && unexpectedKeys.isEmpty() && shapeMismatches.isEmpty();
    }

    /**
     * The problems in words, as PyTorch's error message words them.
     *
     * @return one line for the missing keys, one for the unexpected ones and one per shape mismatch, each
     *         indented by two spaces; empty when clean (non-finite entries are not described)
     */
    public String describe() {
        List<String> lines = new ArrayList<>();
        if (!missingKeys.isEmpty()) {
            lines.add("  missing key(s) in state dict: " + quoted(missingKeys) + ".");
        }
        if (!unexpectedKeys.isEmpty()) {
            lines.add("  unexpected key(s) in state dict: " + quoted(unexpectedKeys) + ".");
        }
        for (ShapeMismatch m : shapeMismatches) {
            lines.add("  size mismatch for " + m.key() + ": copying a tensor with shape " + m.found()
                    + " from the state dict, the shape in the current model is " + m.expected() + ".");
        }
        return String.join("\n", lines);
    }

    private static String quoted(List<String> keys) {
        List<String> q = new ArrayList<>();
        for (String k : keys) {
            q.add('"' + k + '"');
        }
        return String.join(", ", q);
    }
}
