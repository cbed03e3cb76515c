package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's layout (exact bytes, padding, order) and its atomic replacement. */
class SafetensorsWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesTheExactLayout() throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("s", Tensor.scalar(-1));
        Path file = dir.resolve("layout.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of("k", "v"));

        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"k\":\"v\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[24,28]}}", header.stripTrailing());
        assertTrue(header.substring(header.stripTrailing().length()).chars().allMatch(c -> c == ' '), "padded with spaces");
        assertEquals(8 + n + 28, bytes.length);
        assertEquals(1f, b.getFloat(8 + (int) n));
        assertEquals(-1f, b.getFloat(8 + (int) n + 24));
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("model.safetensors");
        Files.writeString(file, "old contents");
        SafetensorsWriter.write(file, Map.of("x", Tensor.of(new float[] {7})), null);
        assertEquals(7f, SafetensorsReader.read(file).tensor("x").item());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void rejectsTheReservedName() {
        Path file = dir.resolve("bad.safetensors");
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(file, Map.of("__metadata__", Tensor.scalar(1)), null));
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(file, Map.of("\uD800", Tensor.scalar(1)), null));
        assertTrue(Files.notExists(file));
    }
}
