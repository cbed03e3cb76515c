package dev.myelin.fashion.train;

import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --freeze PREFIX...}: stops training the parameters whose names start with a prefix. */
final class Freezing {
    private Freezing() {
    }

    static void apply(Module model, List<String> prefixes, PrintStream out) {
        for (String prefix : prefixes) {
            int frozen = 0;
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    e.getValue().requiresGrad(false);
                    frozen++;
                }
            }
            if (frozen == 0) {
                throw new TrainUsageException("--freeze " + prefix + ": no parameter name of " + model.getClass().getSimpleName()
                        + " starts with it; the names start with " + prefixes(model));
            }
            out.println("frozen: " + frozen + " parameters under '" + prefix + "'");
        }
    }

    /** The first part of every parameter name, with its count: "0. (2), 3. (2), 7. (2)". */
    private static String prefixes(Module model) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String name : model.namedParameters().keySet()) {
            int dot = name.indexOf('.');
            counts.merge(dot < 0 ? name : name.substring(0, dot + 1), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((prefix, count) -> text.append(text.isEmpty() ? "" : ", ").append(prefix)
                .append(" (").append(count).append(count == 1 ? " parameter)" : " parameters)"));
        return text.toString();
    }
}
