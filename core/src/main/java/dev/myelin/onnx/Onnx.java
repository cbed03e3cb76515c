package dev.myelin.onnx;

import dev.myelin.nn.Module;
import dev.myelin.tensor.Grad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a model to an ONNX file that ONNX Runtime (or any ONNX runner) can execute without Myelin.
 *
 * <pre>{@code
 * Onnx.export(model, new int[] {1, 1, 28, 28}, Path.of("model.onnx"), List.of("T-shirt/top", ...));
 * }</pre>
 *
 * <p>The file is an ONNX model of IR version {@value ModelProto#IR_VERSION} using operator set
 * {@value ModelProto#OPSET} of the default domain. Its graph has one input, {@value #INPUT}, of the
 * sample shape, and one output, {@value #OUTPUT}; the first dimension of both is the symbol
 * {@code batch}, so any batch size runs. The weights are initializers named as in the state dict
 * ({@code features.0.weight}), and every intermediate value has its shape. The model is exported in
 * evaluation mode whatever mode it is in: batch norm normalises with its running statistics and
 * dropout is the identity.
 *
 * <p>Every layer of {@code dev.myelin.nn} is supported, with {@code Sequential} and {@code BasicBlock}
 * as containers; any other module (a subclass of {@code Module} written outside this library, whose
 * forward could compute anything) makes export fail with an {@link OnnxExportException} that names its
 * class and its place in the model. The model is not run: shapes are worked out from
 * {@code sampleInputShape} through each layer's formula.
 */
public final class Onnx {
    /** The name of the graph's input. */
    public static final String INPUT = "input";
    /** The name of the graph's output. */
    public static final String OUTPUT = "logits";
    /** The metadata key of the class names, a JSON array of strings. */
    public static final String CLASS_NAMES = "class_names";

    private Onnx() {
    }

    /**
     * Writes {@code module} as an ONNX model to {@code path}.
     *
     * @param sampleInputShape the shape of an input, batch first, such as {@code {1, 1, 28, 28}}; the
     *                         batch size it gives does not matter, as the exported batch is free
     * @throws OnnxExportException if the model holds a module that export cannot express
     * @throws IOException         if the file cannot be written
     */
    public static void export(Module module, int[] sampleInputShape, Path path) throws IOException {
        export(module, sampleInputShape, path, List.of(), Map.of());
    }

    /**
     * Writes {@code module} as an ONNX model to {@code path}, with the names of its output classes in
     * the model's metadata under {@value #CLASS_NAMES}, as a JSON array.
     */
    public static void export(Module module, int[] sampleInputShape, Path path, List<String> classNames)
            throws IOException {
        export(module, sampleInputShape, path, classNames, Map.of());
    }

    /**
     * Writes {@code module} as an ONNX model to {@code path}, with the class names (left out when
     * empty) and the given entries in the model's metadata.
     */
    public static void export(Module module, int[] sampleInputShape, Path path, List<String> classNames,
            Map<String, String> metadata) throws IOException {
        Files.write(path, toBytes(module, sampleInputShape, classNames, metadata));
    }

    /** The bytes {@link #export(Module, int[], Path, List, Map)} writes. */
    public static byte[] toBytes(Module module, int[] sampleInputShape, List<String> classNames,
            Map<String, String> metadata) {
        if (sampleInputShape.length < 1) {
            throw new IllegalArgumentException("the sample input shape needs at least the batch dimension");
        }
        for (int d : sampleInputShape) {
            if (d < 1) {
                throw new IllegalArgumentException("every dimension of the sample input shape must be positive, got "
                        + java.util.Arrays.toString(sampleInputShape));
            }
        }
        GraphProto graph = new GraphProto(module.getClass().getSimpleName());
        Emitter emitter = new Emitter(graph, INPUT, OUTPUT);
        try (var scope = Grad.disabled()) {
            Value x = emitter.input(INPUT, sampleInputShape);
            emitter.output(new ModuleTranslator(emitter).translate(module, "", null, x), OUTPUT);
        }
        Map<String, String> props = new LinkedHashMap<>();
        if (!classNames.isEmpty()) {
            props.put(CLASS_NAMES, Json.stringArray(classNames));
        }
        props.putAll(metadata);
        String version = Onnx.class.getPackage().getImplementationVersion();
        return new ModelProto(version == null ? "unknown" : version, graph, props).toByteArray();
    }
}
