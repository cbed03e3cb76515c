package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.ensemble.EnsembleModel;
import dev.myelin.fashion.ensemble.EnsembleRun;
import dev.myelin.fashion.run.Metrics;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.RunLock;
import dev.myelin.fashion.train.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./fashion ensemble}: averages the class probabilities of finished runs into a new run folder. */
@Command(name = "ensemble", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Combine finished runs into one model that averages their class probabilities.",
        description = {
            "Writes a run folder that evaluate, report, predict and compare accept like any other: it holds "
                    + "a copy of each member run (config, weights, metrics; not the checkpoint), so it "
                    + "stays whole if the originals move. Prints each member's test accuracy and the "
                    + "ensemble's, and writes the ensemble's validation and test figures to metrics.json. "
                    + "Models that err on different images correct each other, so the average is usually "
                    + "more accurate than its best member.",
            ""
        })
final class EnsembleCommand implements Callable<Integer> {
    private final FashionContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "DIR", arity = "2..*", required = true,
            description = "The finished runs to combine (at least two).")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The run folder to write; it must not exist yet, or be empty.")
    Path out;

    @Mixin
    DataOption data;

    EnsembleCommand(FashionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        checkOut();

        List<RunDirectory> members = new ArrayList<>();
        for (Path run : runs) {
            RunDirectory dir = RunDirectory.open(run);
            if (dir.modelFiles().isEmpty()) {
                throw new CommandFailure(run + " has no trained model (did its training finish?)");
            }
            members.add(dir);
        }
        Path dataDir = data.require(context);
        FashionMnist mnist = FashionMnist.load(dataDir);
        ImageSet train = mnist.train();
        int held = Training.validationImages(train.size());
        ImageSet validation = train.slice(train.size() - held, train.size());
        context.out().printf("Ensemble of %d runs, measured on %,d validation and %,d test images%n",
                members.size(), validation.size(), mnist.test().size());
        EnsembleModel ensemble;
        Metrics metrics;
        boolean existed = Files.exists(out);
        boolean locked = false;
        try (RunLock lock = RunLock.acquire(out, context.err())) {
            locked = true;
            checkOut(); // again, now that no other process can write it
            ensemble = EnsembleRun.create(members, out, context.modelLoader(), validation, mnist.test(), context.out());
            metrics = RunDirectory.open(out).metrics().orElseThrow();
        } catch (IOException | RuntimeException e) {
            if (locked && !existed) { // a folder this command made and could not finish: leave nothing behind
                FileUtils.deleteQuietly(out.toFile());
            }
            throw e;
        }
        context.out().printf(Locale.ROOT, "ensemble: validation accuracy %.2f%%, test accuracy %.2f%% (%d members)%n",
                100 * ((Number) metrics.test().get("best_validation_accuracy")).doubleValue(), 100 * metrics.testAccuracy(),
                ensemble.members().size());
        context.out().println("Wrote " + out);
        context.out().println();
        context.out().println("Next: ./fashion evaluate --run " + out);
        context.out().println("      ./fashion report --run " + out);
        return 0;
    }

    private void checkOut() throws java.io.IOException {
        if (Files.exists(out) && (!Files.isDirectory(out) || !isEmpty(out))) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " already exists and is not empty; "
                    + "choose a new folder");
        }
    }

    /** Whether {@code dir} holds nothing but, maybe, a lock file (whose holder the lock then names). */
    private static boolean isEmpty(Path dir) throws java.io.IOException {
        try (var entries = Files.list(dir)) {
            return entries.allMatch(f -> f.getFileName().toString().equals(RunDirectory.LOCK));
        }
    }
}
