package dev.myelin.fashion.classic;

import dev.myelin.io.SafetensorsException;
import dev.myelin.io.SafetensorsFile;
import dev.myelin.io.SafetensorsReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every classic model's file has in common: it is a safetensors file whose metadata names the
 * model it holds ({@value #MODEL_KEY}, such as {@code knn}) and the version of that model's layout
 * ({@value #VERSION_KEY}). The layouts themselves are in the packages of the models.
 */
public final class ModelFileHeader {
    public static final String MODEL_KEY = "myelin.model";
    public static final String VERSION_KEY = "format_version";

    private ModelFileHeader() {
    }

    /** The metadata that starts a file of {@code model} in layout {@code version}; add the model's own after it. */
    public static Map<String, String> metadata(String model, String version) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(MODEL_KEY, model);
        metadata.put(VERSION_KEY, version);
        return metadata;
    }

    /**
     * Reads {@code file} and checks that it holds {@code model} in layout {@code version}.
     *
     * @throws ModelFileException if it is not a safetensors file, or holds another model or version
     * @throws IOException if it cannot be read
     */
    public static SafetensorsFile read(Path file, String model, String version) throws IOException {
        SafetensorsFile contents;
        try {
            contents = SafetensorsReader.read(file);
        } catch (SafetensorsException e) {
            // The reader's message starts with the path, which ModelFileException adds again.
            String message = e.getMessage();
            String fault = message.startsWith(file + ": ") ? message.substring(file.toString().length() + 2) : message;
            throw new ModelFileException(file, "not a readable safetensors file (" + fault + ")", e);
        }
        Map<String, String> metadata = contents.metadata();
        String found = metadata.get(MODEL_KEY);
        if (found == null) {
            throw new ModelFileException(file, "no '" + MODEL_KEY + "' metadata: not a Myelin model file");
        }
        if (!found.equals(model)) {
            throw new ModelFileException(file, "holds a '" + found + "' model, not a '" + model + "' model");
        }
        String foundVersion = metadata.get(VERSION_KEY);
        if (foundVersion == null) {
            throw new ModelFileException(file, "no '" + VERSION_KEY + "' metadata");
        }
        if (!foundVersion.equals(version)) {
            throw new ModelFileException(file, VERSION_KEY + " is '" + foundVersion + "'; this program reads "
                    + model + " files of version " + version);
        }
        return contents;
    }
}
