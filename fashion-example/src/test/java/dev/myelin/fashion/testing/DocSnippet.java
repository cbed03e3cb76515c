package dev.myelin.fashion.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;

/**
 * A Java snippet of a documentation page, between {@code <!-- NAME:start -->} and
 * {@code <!-- NAME:end -->}, compiled as the body of a {@code main} (its import lines on top) and run,
 * so that the page's example keeps working as printed.
 */
public final class DocSnippet {
    private DocSnippet() {}

    /** Compiles the snippet {@code name} of {@code page} (relative to the repository root) and returns what it printed. */
    public static String run(String page, String name, Path scratch, String... args) throws Exception {
        Pattern block = Pattern.compile("<!-- " + Pattern.quote(name) + ":start -->\\s*```java\\n(.*?)```\\s*<!-- "
                + Pattern.quote(name) + ":end -->", Pattern.DOTALL);
        Matcher m = block.matcher(Files.readString(Path.of("..").resolve(page)));
        assertTrue(m.find(), page + " has no " + name + " block");
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        m.group(1).lines().forEach(line -> (line.startsWith("import ") ? imports : body).append(line).append('\n'));
        String className = "Snippet" + Integer.toHexString(name.hashCode());
        Path source = scratch.resolve(className + ".java");
        Files.writeString(source, imports + "public class " + className + " {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream javac = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, javac, javac, "-cp", classPath, "-d", scratch.toString(),
                source.toString());
        assertEquals(0, rc, "the " + name + " snippet of " + page + " does not compile:\n"
                + javac.toString(StandardCharsets.UTF_8));
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // The test's class loader as parent: a native library (ONNX Runtime's) loads once per JVM, in one loader.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {scratch.toUri().toURL()}, DocSnippet.class.getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
