package dev.myelin.golden;

import static dev.myelin.golden.Fixtures.assertClose;
import static dev.myelin.golden.Fixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.myelin.io.SafetensorsFile;
import dev.myelin.tensor.Functional;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A whole small CNN against PyTorch, with PyTorch's weight layouts (conv {@code (out, in, kh, kw)},
 * linear {@code (out, in)}): every intermediate activation, the logits, the loss, and the gradient of
 * the loss with respect to the input and every weight. Tolerance: see {@link Fixtures}.
 *
 * <pre>
 * conv(1->4, 3x3, pad 1) relu maxpool2 -> conv(4->8, 3x3, pad 1) relu avgpool2 -> flatten
 *   -> linear(32->10) -> cross_entropy(mean)
 * </pre>
 */
class GoldenCnnTest {
    private static final List<String> PARAMETERS = List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
            "fc.weight", "fc.bias");

    @Test
    void forwardAndBackwardMatchPyTorch() {
        SafetensorsFile f = Fixtures.load("cnn");
        Function<String, Tensor> p = name -> tensor(f, name);
        Tensor x = p.apply("x").requiresGrad(true);
        for (String name : PARAMETERS) {
            p.apply(name).requiresGrad(true);
        }
        int[] labels = Fixtures.labels(p.apply("labels"));

        Tensor conv1 = Functional.conv2d(x, p.apply("conv1.weight"), p.apply("conv1.bias"), 1, 1, 1);
        Tensor pool1 = Functional.maxPool2d(conv1.relu(), 2, 2, 0);
        Tensor conv2 = Functional.conv2d(pool1, p.apply("conv2.weight"), p.apply("conv2.bias"), 1, 1, 1);
        Tensor pool2 = Functional.avgPool2d(conv2.relu(), 2, 2, 0);
        Tensor flat = pool2.reshape(x.dim(0), -1);
        Tensor logits = flat.matmul(p.apply("fc.weight").transpose(0, 1)).add(p.apply("fc.bias"));
        Tensor loss = Functional.crossEntropy(logits, labels);

        Map<String, Tensor> forward = new LinkedHashMap<>();
        forward.put("act.conv1", conv1);
        forward.put("act.pool1", pool1);
        forward.put("act.conv2", conv2);
        forward.put("act.pool2", pool2);
        forward.put("logits", logits);
        forward.put("loss", loss);
        assertAll(forward.entrySet().stream()
                .map(e -> (Executable) () -> assertClose(f, e.getKey(), e.getValue())));

        loss.backward();
        List<Executable> gradients = new ArrayList<>();
        gradients.add(() -> assertClose(f, "grad.x", x.grad()));
        for (String name : PARAMETERS) {
            gradients.add(() -> assertClose(f, "grad." + name, p.apply(name).grad()));
        }
        assertAll(gradients);
    }
}
