package dev.myelin.fashion.train;

import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import java.io.PrintStream;
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
                throw new IllegalArgumentException("--freeze " + prefix + ": no parameter name starts with it; the names are "
                        + model.namedParameters().keySet());
            }
            out.println("frozen: " + frozen + " parameters under '" + prefix + "'");
        }
    }
}
