package dev.myelin.fashion.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code fashion} command lines in a JVM of their own, on the tests' class path, for what needs a real
 * process: two trainings at once, a kill at a random moment. Output goes to files in {@code logs}.
 */
public final class ChildFashion {
    /** As {@code ./fashion} runs: the Vector API on. */
    public static final List<String> VECTOR = List.of("--add-modules", "jdk.incubator.vector");
    /**
     * For many short lives: scalar kernels compiled by C1 only, which start training about three times
     * sooner than the Vector API's kernels, whose speed needs C2's warm-up. Results are as exact (and
     * the same from run to run), only not bit-equal to the Vector API's.
     */
    public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1");

    private final Path logs;
    private final List<String> jvmOptions;
    private int started;

    public ChildFashion(Path logs) {
        this(logs, VECTOR);
    }

    public ChildFashion(Path logs, List<String> jvmOptions) {
        this.logs = logs;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** A started child: its process and the files its stdout and stderr go to. */
    public record Child(Process process, Path out, Path err) {
        public String stdout() {
            return read(out);
        }

        public String stderr() {
            return read(err);
        }

        /** Waits for it to end and returns its exit code. */
        public int waitFor(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the child did not end within " + seconds + " s:\n" + stdout() + stderr());
            }
            return process.exitValue();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The id of a process that has ended, for a lock file left by a killed process. */
    public static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java(), "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return p.pid();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code fashion args...} in a new JVM. */
    public Child start(String... args) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xmx512m", "-Djava.awt.headless=true", "-cp", classPath, "dev.myelin.fashion.FashionCli"));
        command.addAll(List.of(args));
        int n = started++;
        Path out = logs.resolve("child-" + n + ".out");
        Path err = logs.resolve("child-" + n + ".err");
        try {
            Files.createDirectories(logs);
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new Child(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
