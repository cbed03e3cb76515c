package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading well-formed files: F32 values and shapes, order, metadata, and exact F16/BF16 widening. */
class SafetensorsReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsF32TensorsInOffsetOrderWithMetadata() throws Exception {
        // "b" comes first in the header but second in the buffer; the scalar and the empty tensor share offset 24.
        String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[8,24]},"
                + "\"__metadata__\":{\"format\":\"pt\",\"note\":\"caf\\u00e9\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"empty\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[24,24]},"
                + "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[24,28]}}   ";
        byte[] data = RawFiles.f32(1, 2, 3, 4, 5, 6, -7.5f);
        Path file = RawFiles.write(dir, "ok.safetensors", RawFiles.file(header, data));

        SafetensorsFile f = SafetensorsReader.read(file);

        assertEquals(List.of("a", "b", "empty", "s"), List.copyOf(f.tensors().keySet()));
        assertArrayEquals(new int[] {2}, f.tensor("a").dims());
        assertArrayEquals(new float[] {1, 2}, f.tensor("a").toArray());
        assertArrayEquals(new int[] {2, 2}, f.tensor("b").dims());
        assertArrayEquals(new float[] {3, 4, 5, 6}, f.tensor("b").toArray());
        assertArrayEquals(new int[] {0, 3}, f.tensor("empty").dims());
        assertEquals(0, f.tensor("s").rank());
        assertEquals(-7.5f, f.tensor("s").item());
        assertEquals(Map.of("format", "pt", "note", "café"), f.metadata());
        assertEquals("pt", f.metadata("format"));
        assertEquals(file, f.path());
    }

    @Test
    void readsAnEmptyFile() throws Exception {
        Path file = RawFiles.write(dir, "empty.safetensors", RawFiles.file("{}      ", new byte[0]));
        SafetensorsFile f = SafetensorsReader.read(file);
        assertTrue(f.tensors().isEmpty());
        assertTrue(f.metadata().isEmpty());
    }

    @Test
    void missingTensorOrMetadataNamesWhatTheFileHolds() throws Exception {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Path file = RawFiles.write(dir, "one.safetensors", RawFiles.file(header, RawFiles.f32(1)));
        SafetensorsFile f = SafetensorsReader.read(file);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> f.tensor("b"));
        assertTrue(e.getMessage().contains("one.safetensors") && e.getMessage().contains("no tensor 'b'")
                && e.getMessage().contains("[a]"), e.getMessage());
        assertThrows(SafetensorsException.class, () -> f.metadata("k"));
    }

    @Test
    void widensF16BitPatternsExactly() throws Exception {
        int[] bits = {0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x0400, 0x8000, 0x7C00, 0xFC00, 0x3555, 0x7E00};
        float[] expected = {1f, -2f, 65504f, 0x1p-24f, 1023 * 0x1p-24f, 0x1p-14f, -0f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.333251953125f, Float.NaN};
        float[] got = readOne("F16", bits);
        assertBitsEqual(expected, got, 10);
        assertTrue(Float.isNaN(got[10]), "0x7E00 is a NaN");
    }

    @Test
    void widensBf16BitPatternsExactly() throws Exception {
        int[] bits = {0x3F80, 0xC040, 0x4049, 0x7F7F, 0x0001, 0x0080, 0x8000, 0x7F80, 0xFF80, 0x7FC0};
        float[] expected = {1f, -3f, 3.140625f, 0x1.FEp127f, 0x1p-133f, 0x1p-126f, -0f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        float[] got = readOne("BF16", bits);
        assertBitsEqual(expected, got, expected.length);
        assertEquals(0x7FC00000, Float.floatToRawIntBits(got[9]), "BF16 NaN keeps its pattern");
    }

    private float[] readOne(String dtype, int[] bits) throws Exception {
        String header = "{\"t\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + bits.length + "],\"data_offsets\":[0,"
                + 2 * bits.length + "]}}";
        Path file = RawFiles.write(dir, dtype + ".safetensors", RawFiles.file(header, RawFiles.u16(bits)));
        return SafetensorsReader.read(file).tensor("t").toArray();
    }

    /** Compares raw bits of the first {@code n} values, so that -0 and 0 differ. */
    private static void assertBitsEqual(float[] expected, float[] got, int n) {
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]),
                    "element " + i + ": expected " + expected[i] + " got " + got[i]);
        }
    }

    @Test
    void readsWhatTheWriterWrote() throws Exception {
        Path file = dir.resolve("w.safetensors");
        Tensor x = Tensor.of(new float[] {1, -2, 3, 4, 5, 6}, 2, 3);
        SafetensorsWriter.write(file, Map.of("x", x), Map.of("k", "v"));
        SafetensorsFile f = SafetensorsReader.read(file);
        assertTrue(x.contentEquals(f.tensor("x")));
        assertEquals(Map.of("k", "v"), f.metadata());
    }
}
