package dev.myelin.io;

import dev.myelin.tensor.Tensor;
import java.nio.file.Path;
import java.util.Map;

/**
 * The contents of a safetensors file as read by {@link SafetensorsReader#read}: named float32 tensors
 * and the string metadata. Both maps are unmodifiable; the tensors are the caller's, nothing else holds
 * them.
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

    /**
     * The file that was read, named in this object's exceptions.
     *
     * @return the path given to {@link SafetensorsReader#read}
     */
    public Path path() {
        return path;
    }

    /**
     * The tensors by name, in the order of their data in the file (by begin offset; tensors of no
     * elements that share an offset stay in header order).
     *
     * @return an unmodifiable map from name to a float32 tensor of the shape the header gives
     */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /**
     * The file's string metadata.
     *
     * @return the {@code __metadata__} entries in header order, unmodifiable; empty when the file has none
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The tensor called {@code name}.
     *
     * @param name the tensor's name in the header, such as {@code conv1.weight}
     * @return the tensor, float32, of the shape the header gives
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
     * @param key a key of the header's {@code __metadata__} object
     * @return its string value
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
