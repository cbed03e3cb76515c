package dev.myelin.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./myelin-shell} starts, with Myelin imported and its vector kernels on, and runs the README's session. */
class MyelinShellTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmeSessionRuns(@TempDir Path scratch) throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("<!-- shell-session:start -->");
        int end = readme.indexOf("<!-- shell-session:end -->");
        assertTrue(start >= 0 && end > start, "README.md has a shell-session block");
        StringBuilder input = new StringBuilder();
        readme.substring(start, end).lines().filter(l -> l.startsWith("jshell> "))
                .forEach(l -> input.append(l.substring("jshell> ".length())).append('\n'));
        input.append("/exit\n");
        Path in = scratch.resolve("in.jsh");
        Path out = scratch.resolve("out.txt");
        Files.writeString(in, input);
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("myelin-shell").toString(), "-q")
                .directory(scratch.toFile()).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process shell = builder.start();
        assertTrue(shell.waitFor(3, TimeUnit.MINUTES), "the shell did not finish");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, shell.exitValue(), output);
        assertTrue(output.contains("Myelin with its vector kernels"), output);
        assertTrue(output.contains("loss after 100 steps"), "the session trains a layer:\n" + output);
        assertTrue(!output.contains("Error:") && !output.contains("Exception"), output);
    }
}
