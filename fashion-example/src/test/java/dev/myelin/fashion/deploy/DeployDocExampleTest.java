package dev.myelin.fashion.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.train.ModelPreset;
import dev.myelin.fashion.train.Presets;
import dev.myelin.onnx.Onnx;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the Java snippet of docs/deploy.md and runs it on an exported cnn, so that the page's
 * ONNX Runtime example keeps working as printed.
 */
class DeployDocExampleTest {
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- deploy-example:start -->\\s*```java\\n(.*?)```\\s*<!-- deploy-example:end -->", Pattern.DOTALL);

    @Test
    void theOnnxRuntimeSnippetPrintsAPredictedClass(@TempDir Path dir) throws Exception {
        Matcher m = SNIPPET.matcher(Files.readString(Path.of("..", "docs", "deploy.md")));
        assertTrue(m.find(), "docs/deploy.md has no deploy-example block");
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        m.group(1).lines().forEach(line -> (line.startsWith("import ") ? imports : body).append(line).append('\n'));
        Path source = dir.resolve("DeployExample.java");
        Files.writeString(source, imports + "public class DeployExample {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream javac = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, javac, javac, "-cp", classPath, "-d", dir.toString(),
                source.toString());
        assertEquals(0, rc, "the snippet does not compile:\n" + javac.toString(StandardCharsets.UTF_8));

        Path model = dir.resolve("cnn.onnx");
        Onnx.export(Presets.forLoading(ModelPreset.CNN, FashionMnist.CLASSES), new int[] {1, 1, 28, 28}, model,
                FashionMnist.CLASS_NAMES);
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // The test's class loader as parent: ONNX Runtime's native library loads once per JVM, in one loader.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("DeployExample").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {model.toString()});
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertTrue(output.startsWith("predicted: ") && FashionMnist.CLASS_NAMES.stream().anyMatch(
                name -> output.startsWith("predicted: " + name + " (logit ")), output);
        System.out.print("docs/deploy.md example: " + output);
    }
}
