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
 * as containers: {@code Conv2d} (one group), {@code Linear}, {@code BatchNorm1d} and
 * {@code BatchNorm2d}, {@code ReLU}, {@code LeakyReLU}, {@code GELU} (exact, through Erf, as opset 17
 * has no Gelu), {@code Sigmoid}, {@code Tanh}, {@code MaxPool2d}, {@code AvgPool2d},
 * {@code AdaptiveAvgPool2d}, {@code Flatten}, {@code Softmax}, {@code LogSoftmax}, and {@code Dropout}
 * and {@code Identity} (which export to nothing). Losses are not modules: export the network without
 * its loss. Any other module (a subclass of {@code Module} written outside this library, whose forward
 * could compute anything) makes export fail with an {@link OnnxExportException} that names its class and
 * its place in the model; so does a known layer in a case ONNX cannot express (batch norm without
 * running statistics, an adaptive pool to a size that does not divide the input, a flatten that merges
 * the batch dimension) or an input shape a layer does not accept. The model is not run: shapes are
 * worked out from {@code sampleInputShape} through each layer's formula. {@code docs/deploy.md} lists
 * the operators each layer becomes and how the exports were checked against ONNX Runtime.
 */
public final class Onnx {
    /** The name of the graph's input, of shape {@code (batch, ...sampleInputShape[1..])}. */
    public static final String INPUT = "input";
    /** The name of the graph's output, of shape {@code (batch, ...)}: the model's last layer's output. */
    public static final String OUTPUT = "logits";
    /**
     * The key, in the model's {@code metadata_props}, of the class names: a JSON array of strings, the
     * name of output {@code i} at index {@code i}.
     */
    public static final String CLASS_NAMES = "class_names";

    private Onnx() {
    }

    /**
     * Writes {@code module} as an ONNX model to {@code path}, with no class names or other metadata.
     *
     * @param module the model, built from {@code dev.myelin.nn}'s layers; exported in evaluation mode,
     *                         its own mode left unchanged
     * @param sampleInputShape the shape of an input, batch first, such as {@code {1, 1, 28, 28}}; every
     *                         dimension at least 1; the batch size it gives does not matter, as the
     *                         exported batch is free
     * @param path             the file to write, replaced if it exists
     * @throws OnnxExportException      if the model holds a module that export cannot express
     * @throws IllegalArgumentException if {@code sampleInputShape} is empty or has a dimension below 1
     * @throws IOException              if the file cannot be written
     */
    public static void export(Module module, int[] sampleInputShape, Path path) throws IOException {
        export(module, sampleInputShape, path, List.of(), Map.of());
    }

    /**
     * Writes {@code module} as an ONNX model to {@code path}, with the names of its output classes in
     * the model's metadata under {@value #CLASS_NAMES}, as a JSON array.
     *
     * @param module           the model, built from {@code dev.myelin.nn}'s layers
     * @param sampleInputShape the shape of an input, batch first, every dimension at least 1
     * @param path             the file to write, replaced if it exists
     * @param classNames       the name of each output class, in output order; empty for none (then no
     *                         {@value #CLASS_NAMES} entry is written)
     * @throws OnnxExportException      if the model holds a module that export cannot express
     * @throws IllegalArgumentException if {@code sampleInputShape} is empty or has a dimension below 1
     * @throws IOException              if the file cannot be written
     */
    public static void export(Module module, int[] sampleInputShape, Path path, List<String> classNames)
            throws IOException {
        export(module, sampleInputShape, path, classNames, Map.of());
    }

    /**
     * Writes {@code module} as an ONNX model to {@code path}, with the class names (left out when
     * empty) and the given entries in the model's metadata. The whole model is encoded in memory first
     * (see {@link #toBytes}), so an export error writes nothing; the file itself is written in place,
     * not atomically.
     *
     * @param module           the model, built from {@code dev.myelin.nn}'s layers
     * @param sampleInputShape the shape of an input, batch first, every dimension at least 1
     * @param path             the file to write, replaced if it exists
     * @param classNames       the name of each output class, in output order; empty for none
     * @param metadata         further {@code metadata_props} entries, in the map's order, after
     *                         {@value #CLASS_NAMES}; an entry of that key replaces the class names
     * @throws OnnxExportException      if the model holds a module that export cannot express
     * @throws IllegalArgumentException if {@code sampleInputShape} is empty or has a dimension below 1
     * @throws IOException              if the file cannot be written
     */
    public static void export(Module module, int[] sampleInputShape, Path path, List<String> classNames,
            Map<String, String> metadata) throws IOException {
        Files.write(path, toBytes(module, sampleInputShape, classNames, metadata));
    }

    /**
     * The bytes {@link #export(Module, int[], Path, List, Map)} writes: an ONNX {@code ModelProto} in
     * protobuf encoding, weights included.
     *
     * @param module           the model, built from {@code dev.myelin.nn}'s layers
     * @param sampleInputShape the shape of an input, batch first, every dimension at least 1
     * @param classNames       the name of each output class, in output order; empty for none
     * @param metadata         further {@code metadata_props} entries, in the map's order
     * @return the encoded model, about four bytes per weight plus the graph
     * @throws OnnxExportException      if the model holds a module that export cannot express
     * @throws IllegalArgumentException if {@code sampleInputShape} is empty or has a dimension below 1
     */
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
