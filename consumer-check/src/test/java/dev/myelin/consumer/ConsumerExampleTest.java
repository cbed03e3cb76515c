package dev.myelin.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Myelin as a dependency, the way a user meets it: {@code ./mvnw install} puts myelin-core in the local
 * Maven repository, {@code examples/consumer} (a separate Maven project) builds against it, and its
 * program trains a small network three ways:
 *
 * <ul>
 *   <li>class path with {@code --add-modules jdk.incubator.vector}: the vector kernels;
 *   <li>module path, no flag: core's {@code requires jdk.incubator.vector} resolves the module, so the
 *       vector kernels without the flag;
 *   <li>class path without the flag: the scalar kernels, same results, and one line on stderr saying how
 *       to switch the fast path on.
 * </ul>
 */
class ConsumerExampleTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CONSUMER = ROOT.resolve("examples/consumer");
    private static final Pattern RESULT = Pattern.compile("loss ([0-9.]+) -> ([0-9.]+), training accuracy ([0-9.]+)%");

    private static Path coreJar;
    private static Path consumerJar;

    @TempDir
    static Path scratch;

    private record Run(int exit, String out, String err) {}

    @BeforeAll
    static void installAndBuild() throws Exception {
        Run parent = run(ROOT, mvn("-q", "-N", "install"));
        assertEquals(0, parent.exit(), parent.out() + parent.err());
        Run core = run(ROOT, mvn("-q", "-pl", "core", "install", "-DskipTests"));
        assertEquals(0, core.exit(), core.out() + core.err());
        Run consumer = run(CONSUMER, mvn("-q", "-f", CONSUMER.resolve("pom.xml").toString(), "package"));
        assertEquals(0, consumer.exit(), consumer.out() + consumer.err());
        String repository = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        coreJar = Path.of(repository, "dev/myelin/myelin-core/0.1.0-SNAPSHOT/myelin-core-0.1.0-SNAPSHOT.jar");
        consumerJar = CONSUMER.resolve("target/myelin-consumer-1.0.jar");
        assertTrue(Files.isRegularFile(coreJar), "install did not put " + coreJar + " in the local repository");
        assertTrue(Files.isRegularFile(consumerJar), consumerJar.toString());
    }

    /** The Maven wrapper of the repository with {@code args}; offline with {@code -Dconsumer.offline=true}. */
    private static List<String> mvn(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve(File.separatorChar == '\\' ? "mvnw.cmd" : "mvnw").toString());
        if (Boolean.getBoolean("consumer.offline")) {
            command.add("-o");
        }
        command.addAll(List.of(args));
        return command;
    }

    private static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        return coreJar + File.pathSeparator + consumerJar;
    }

    private static void assertTrained(Run run) {
        assertEquals(0, run.exit(), run.out() + run.err());
        Matcher m = RESULT.matcher(run.out());
        assertTrue(m.find(), run.out());
        assertTrue(Double.parseDouble(m.group(2)) < Double.parseDouble(m.group(1)) / 10, "the loss fell tenfold: " + run.out());
        assertTrue(Double.parseDouble(m.group(3)) >= 95, "the spirals are learnt: " + run.out());
    }

    @Test
    void onTheClassPathWithTheFlag() throws Exception {
        Run run = run(scratch, List.of(java(), "--add-modules", "jdk.incubator.vector", "-cp", classPath(),
                "dev.myelin.example.consumer.Main"));
        assertTrained(run);
        assertTrue(run.out().contains("vector kernels: on"), run.out());
        assertTrue(run.out().contains("module: unnamed (class path)"), run.out());
    }

    @Test
    void onTheModulePathWithoutAnyFlag() throws Exception {
        Run run = run(scratch, List.of(java(), "--module-path", classPath(),
                "--module", "dev.myelin.example.consumer/dev.myelin.example.consumer.Main"));
        assertTrained(run);
        assertTrue(run.out().contains("vector kernels: on"), run.out());
        assertTrue(run.out().contains("module: dev.myelin.example.consumer"), run.out());
    }

    @Test
    void onTheClassPathWithoutTheFlagTheScalarKernelsSaySo() throws Exception {
        Run run = run(scratch, List.of(java(), "-cp", classPath(), "dev.myelin.example.consumer.Main"));
        assertTrained(run);
        assertTrue(run.out().contains("vector kernels: off"), run.out());
        assertTrue(run.err().contains("--add-modules jdk.incubator.vector"), "stderr says how to turn them on: " + run.err());
    }
}
