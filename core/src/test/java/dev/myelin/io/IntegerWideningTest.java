package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PyTorch stores counters such as num_batches_tracked as int64; they load as exact floats. */
class IntegerWideningTest {
    private static Path file(Path dir, String dtype, long[] values, int bytes) throws Exception {
        String header = "{\"n\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + values.length + "],\"data_offsets\":[0,"
                + values.length * bytes + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + values.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        for (long v : values) {
            if (bytes == 8) {
                b.putLong(v);
            } else {
                b.putInt((int) v);
            }
        }
        Path f = dir.resolve(dtype + ".safetensors");
        Files.write(f, b.array());
        return f;
    }

    @Test
    void int64AndInt32AreWidenedExactly(@TempDir Path dir) throws Exception {
        long[] values = {0, 7, -3, 1 << 24};
        float[] expected = {0, 7, -3, 1 << 24};
        assertArrayEquals(expected, SafetensorsReader.read(file(dir, "I64", values, 8)).tensor("n").toArray());
        assertArrayEquals(expected, SafetensorsReader.read(file(dir, "I32", values, 4)).tensor("n").toArray());
    }

    @Test
    void integersBeyondFloatPrecisionAreRefusedByName(@TempDir Path dir) throws Exception {
        Path f = file(dir, "I64", new long[] {1, (1L << 24) + 1}, 8);
        var e = assertThrows(SafetensorsException.class, () -> SafetensorsReader.read(f));
        assertTrue(e.getMessage().contains("tensor 'n'") && e.getMessage().contains("16777217"), e.getMessage());
    }
}
