package dev.myelin.fashion.train;

import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.io.StateDict;
import dev.myelin.nn.LoadReport;
import dev.myelin.nn.Module;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code train --init-from RUN}: starts a model from another run's weights, also across architectures
 * and class counts. Every tensor whose name and shape match is copied; the rest keep their fresh
 * initialisation (a classifier for another number of classes, a layer the other network lacks), and
 * the run says which, so that a fine-tuning never silently trains from scratch.
 */
final class InitFrom {
    private InitFrom() {
    }

    /**
     * Copies what fits from {@code run}'s model into {@code model} and prints what was copied and what
     * was left fresh.
     *
     * @throws IOException if the file cannot be read, or if nothing at all matches
     */
    static LoadReport apply(Module model, Path run, PrintStream out) throws IOException {
        Path file = run.resolve(RunDirectory.MODEL);
        LoadReport report = StateDict.load(model, file, false);
        int total = model.stateDict().size();
        List<String> fresh = new ArrayList<>(report.missingKeys());
        report.shapeMismatches().forEach(m -> fresh.add(m.key() + " (" + m.found() + " there, " + m.expected() + " here)"));
        int copied = total - fresh.size();
        if (copied == 0) {
            throw new IOException("--init-from " + run + ": none of its " + (report.unexpectedKeys().size()
                    + report.shapeMismatches().size()) + " tensors matches this model's names and shapes");
        }
        out.printf("initialised from %s: copied %d of %d tensors%n", run, copied, total);
        if (!fresh.isEmpty()) {
            out.println("  left fresh: " + String.join(", ", fresh));
        }
        if (!report.unexpectedKeys().isEmpty()) {
            out.println("  not used (this model has no such tensor): " + String.join(", ", report.unexpectedKeys()));
        }
        return report;
    }
}
