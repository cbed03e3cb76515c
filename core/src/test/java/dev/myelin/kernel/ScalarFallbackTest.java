package dev.myelin.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Runs a small computation in a child JVM started without {@code --add-modules jdk.incubator.vector}:
 * the library must work on its scalar kernels, say so once on stderr, and give the same answer
 * (within float reordering) as the vector path in this JVM.
 */
class ScalarFallbackTest {
    /** The child's entry point: a conv, a matmul and a loss, printed to full float precision. */
    public static void main(String[] args) {
        System.out.println("vectorized=" + VectorSupport.AVAILABLE);
        System.out.println(String.format(Locale.ROOT, "loss=%.9g", computation()));
    }

    static float computation() {
        Generator g = new Generator(3);
        Tensor x = Tensor.randn(g, 4, 2, 9, 9);
        Tensor w = Tensor.randn(g, 5, 2, 3, 3);
        Tensor fc = Tensor.randn(g, 5 * 4 * 4, 10);
        Tensor h = Functional.maxPool2d(Functional.conv2d(x, w, null, 1, 1, 1).relu(), 2, 2, 0);
        Tensor logits = h.reshape(4, -1).matmul(fc).mul(0.05f);
        return Functional.crossEntropy(logits, new int[] {1, 2, 3, 4}).item();
    }

    @Test
    void worksWithoutTheVectorModuleAndSaysHowToEnableIt() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(List.of(javaBin, "-cp", classPath, ScalarFallbackTest.class.getName()))
                .redirectErrorStream(false).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), "child failed: " + err);
        assertTrue(out.contains("vectorized=false"), out);
        long notices = err.lines().filter(l -> l.contains("--add-modules jdk.incubator.vector")).count();
        assertEquals(1, notices, "expected one line on stderr saying how to enable the fast path, got:\n" + err);
        float childLoss = Float.parseFloat(out.lines().filter(l -> l.startsWith("loss=")).findFirst().orElseThrow()
                .substring(5));
        assertEquals(computation(), childLoss, 1e-5f, "scalar and vector paths disagree");
        assertTrue(VectorSupport.AVAILABLE, "this JVM should run the vector path");
    }
}
