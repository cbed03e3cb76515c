package dev.myelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the usage example in README.md, so that the README cannot drift from the API. */
class ReadmeExampleTest {
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- readme-example:start -->\\s*```java\\n(.*?)```\\s*<!-- readme-example:end -->", Pattern.DOTALL);
    private static final Pattern LOSS = Pattern.compile("loss after 300 steps: ([0-9.]+)");

    @Test
    void readmeExampleCompilesRunsAndLearns(@TempDir Path dir) throws Exception {
        String source = asProgram(readmeSnippet());
        Path file = dir.resolve("ReadmeExample.java");
        Files.writeString(file, source);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics,
                "--add-modules", "jdk.incubator.vector", "-cp", classPath, "-d", dir.toString(), file.toString());
        assertEquals(0, rc, "README example does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8)
                + "\n" + source);

        String output = runMain(dir, classPath);
        Matcher m = LOSS.matcher(output);
        assertTrue(m.find(), "unexpected output: " + output);
        assertTrue(Float.parseFloat(m.group(1)) < 0.05f, "the README example should learn XOR: " + output);
    }

    private static String readmeSnippet() throws Exception {
        Path readme = Path.of("..", "README.md");
        Matcher m = BLOCK.matcher(Files.readString(readme));
        assertTrue(m.find(), "README.md has no readme-example block");
        return m.group(1);
    }

    /** Import lines stay at the top; every other line becomes the body of main. */
    private static String asProgram(String snippet) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "public class ReadmeExample {\n    public static void main(String[] args) {\n" + body + "    }\n}\n";
    }

    private static String runMain(Path dir, String classPath) throws Exception {
        String[] entries = classPath.split(File.pathSeparator);
        URL[] urls = new URL[entries.length + 1];
        urls[0] = dir.toUri().toURL();
        for (int i = 0; i < entries.length; i++) {
            urls[i + 1] = Path.of(entries[i]).toUri().toURL();
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            loader.loadClass("ReadmeExample").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
