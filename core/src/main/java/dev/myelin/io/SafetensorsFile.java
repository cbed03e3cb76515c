package dev.myelin.io;

import dev.myelin.tensor.Tensor;
import java.nio.file.Path;
import java.util.Map;

/**
 * The contents of a safetensors file as read by {@link SafetensorsReader#read}: named float32 tensors
 * and the string metadata. Both maps are unmodifiable.
 */
public final class SafetensorsFile {
    private final Path path;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    SafetensorsFile(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.path = path;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** The file that was read. */
    public Path path() {
        return path;
    }

    /**
     * The tensors by name, in the order of their data in the file (by begin offset; tensors of no
     * elements that share an offset stay in header order).
     */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} entries in header order; empty when the file has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws SafetensorsException naming the file and the tensors it holds, if there is none
     */
    public Tensor tensor(String name) throws SafetensorsException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new SafetensorsException(path, "no tensor '" + name + "'; the file holds " + tensors.keySet());
        }
        return t;
    }

    /**
     * The metadata value for {@code key}.
     *
     * @throws SafetensorsException naming the file and the keys it holds, if there is none
     */
    public String metadata(String key) throws SafetensorsException {
        String v = metadata.get(key);
        if (v == null) {
            throw new SafetensorsException(path, "no metadata '" + key + "'; the file holds " + metadata.keySet());
        }
        return v;
    }
}
