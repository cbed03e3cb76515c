package dev.myelin.fashion.testing;

import dev.myelin.fashion.FashionCli;
import dev.myelin.fashion.cli.FashionContext;
import dev.myelin.fashion.cli.Trainer;
import dev.myelin.fashion.data.DatasetFile;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.ModelLoader;
import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.fashion.train.Training;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code fashion} command lines in a world the test controls, capturing stdout and stderr. */
public final class TestCli {
    /** 2026-01-02 03:04:05 UTC. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    public final Map<String, String> env = new HashMap<>();
    public List<URI> mirrors = List.of();
    public List<DatasetFile> files = FashionMnist.FILES;
    public ModelLoader loader = run -> new FakeModel();
    public Trainer trainer = (options, out) -> {
        throw new AssertionError("this test does not train");
    };

    /** A command line that trains and loads for real: {@link Training#run}, {@link PresetModelLoader}. */
    public static TestCli training() {
        TestCli cli = new TestCli();
        cli.trainer = Training::run;
        cli.loader = new PresetModelLoader();
        return cli;
    }

    /** What one command line did. */
    public record Result(int exitCode, String out, String err) {}

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FashionContext context = new FashionContext(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.copyOf(env), mirrors, files, loader, trainer, false, CLOCK);
        int code = FashionCli.run(context, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
