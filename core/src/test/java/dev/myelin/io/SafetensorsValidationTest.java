package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One malformed file per fault the reader must reject. Each test asserts the exception type and that
 * the message names the file and the exact fault.
 */
class SafetensorsValidationTest {
    private static final String OK_ENTRY = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    @TempDir
    Path dir;

    /** Writes {@code bytes} to a file named after the fault and expects a rejection naming it and the fault. */
    private void assertRejected(String name, byte[] bytes, String... fragments) throws Exception {
        Path file = RawFiles.write(dir, name + ".safetensors", bytes);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsReader.read(file));
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), "message names the file: " + m);
        assertTrue(e.file().equals(file), "exception carries the file");
        for (String f : fragments) {
            assertTrue(m.contains(f), "message should contain \"" + f + "\": " + m);
        }
    }

    private void assertHeaderRejected(String name, String header, byte[] data, String... fragments) throws Exception {
        assertRejected(name, RawFiles.file(header, data), fragments);
    }

    @Test
    void truncatedBeforeTheLengthPrefix() throws Exception {
        assertRejected("truncated", new byte[] {16, 0, 0, 0, 0}, "file is 5 bytes long", "8-byte header length");
    }

    @Test
    void headerLengthLargerThanTheFile() throws Exception {
        byte[] header = "{}".getBytes(StandardCharsets.US_ASCII);
        assertRejected("long-header", RawFiles.file(1000, header, new byte[0]),
                "header length 1000 exceeds the 2 bytes that follow the 8-byte prefix");
    }

    @Test
    void headerLengthAboveTheCap() throws Exception {
        assertRejected("huge-header", RawFiles.file(-1L, new byte[0], new byte[0]),
                "header length 18446744073709551615 exceeds the limit of 100000000 bytes");
        assertRejected("cap-header", RawFiles.file(100_000_001L, new byte[0], new byte[0]),
                "header length 100000001 exceeds the limit");
    }

    @Test
    void tensorDataCutShort() throws Exception {
        // A valid header whose data was cut off: the offsets reach past the end of the file.
        assertHeaderRejected("cut-data", "{\"t\":" + OK_ENTRY + "}", RawFiles.f32(1),
                "tensor 't'", "data_offsets [0, 8] exceed the data buffer of 4 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"t\":" + OK_ENTRY + ",}",
        "{\"t\":" + OK_ENTRY,
        "{\"t\" " + OK_ENTRY + "}",
        "{'t':" + OK_ENTRY + "}",
        "{\"t\":" + OK_ENTRY + "} x",
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[02],\"data_offsets\":[0,8]}}",
    })
    void badJson(String header) throws Exception {
        assertHeaderRejected("bad-json", header, RawFiles.zeros(8), "header is not valid JSON: ", " at line 1, column ");
    }

    @Test
    void headerThatIsNotAnObject() throws Exception {
        assertHeaderRejected("array", "[1, 2]", new byte[0], "header must begin with '{' but begins with '['");
    }

    @Test
    void headerThatIsNotUtf8() throws Exception {
        byte[] header = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertRejected("latin", RawFiles.file(header.length, header, new byte[0]), "header is not valid UTF-8");
    }

    @Test
    void duplicateTensorName() throws Exception {
        assertHeaderRejected("duplicate", "{\"t\":" + OK_ENTRY + ",\"t\":" + OK_ENTRY + "}", RawFiles.zeros(8),
                "duplicate key \"t\"");
    }

    @Test
    void missingKey() throws Exception {
        assertHeaderRejected("missing-key", "{\"conv.weight\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}",
                RawFiles.zeros(8), "tensor 'conv.weight': missing key 'shape'");
    }

    @Test
    void unexpectedKey() throws Exception {
        assertHeaderRejected("extra-key",
                "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"strides\":[1]}}",
                RawFiles.zeros(8), "tensor 't': unexpected key 'strides'");
    }

    @Test
    void wrongTypeOfValue() throws Exception {
        assertHeaderRejected("shape-string", "{\"t\":{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,8]}}",
                RawFiles.zeros(8), "tensor 't': shape must be an array of integers, got a string");
        assertHeaderRejected("offsets-three", "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4,8]}}",
                RawFiles.zeros(8), "tensor 't': data_offsets must be an array of two integers");
        assertHeaderRejected("entry-number", "{\"t\":3}", new byte[0], "tensor 't': entry must be an object, got the number 3");
    }

    @Test
    void unknownDtype() throws Exception {
        assertHeaderRejected("unknown-dtype", "{\"t\":{\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                RawFiles.zeros(8), "tensor 't': unknown dtype 'F33'");
    }

    @Test
    void smallIntegerDtypeIsNotReadAsFloats() throws Exception {
        assertHeaderRejected("int16", "{\"labels\":{\"dtype\":\"I16\",\"shape\":[2],\"data_offsets\":[0,4]}}",
                RawFiles.zeros(4), "tensor 'labels': dtype I16 is not a type Myelin reads");
    }

    @Test
    void negativeDimension() throws Exception {
        assertHeaderRejected("negative-dim", "{\"t\":{\"dtype\":\"F32\",\"shape\":[2,-1],\"data_offsets\":[0,8]}}",
                RawFiles.zeros(8), "tensor 't': shape [2, -1] has a negative dimension -1");
    }

    @Test
    void nonIntegerDimension() throws Exception {
        assertHeaderRejected("fraction-dim", "{\"t\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}",
                RawFiles.zeros(8), "tensor 't': shape [2.0] has a non-integer dimension 2.0");
    }

    @Test
    void tooManyElements() throws Exception {
        assertHeaderRejected("too-big", "{\"t\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}",
                RawFiles.zeros(8), "tensor 't': shape [65536, 65536] has more elements than a tensor can hold");
    }

    @Test
    void offsetsOutOfRange() throws Exception {
        assertHeaderRejected("out-of-range", "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}",
                RawFiles.zeros(8), "tensor 't': data_offsets [8, 16] exceed the data buffer of 8 bytes");
        assertHeaderRejected("reversed", "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}",
                RawFiles.zeros(8), "tensor 't': data_offsets [8, 0] begin after they end");
        assertHeaderRejected("huge-offset",
                "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,99999999999999999999999]}}",
                RawFiles.zeros(8), "exceed the data buffer of 8 bytes");
    }

    @Test
    void sizeMismatch() throws Exception {
        assertHeaderRejected("size-mismatch",
                "{\"conv.weight\":{\"dtype\":\"F32\",\"shape\":[3,3],\"data_offsets\":[0,100]}}", RawFiles.zeros(100),
                "tensor 'conv.weight': data_offsets [0, 100] hold 100 bytes but shape [3, 3] of F32 needs 36");
    }

    @Test
    void overlappingTensors() throws Exception {
        assertHeaderRejected("overlap", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", RawFiles.zeros(24),
                "tensors 'a' [0, 16] and 'b' [8, 24] overlap");
    }

    @Test
    void holeBetweenTensors() throws Exception {
        assertHeaderRejected("hole", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", RawFiles.zeros(20),
                "bytes [8, 12) of the data buffer belong to no tensor (a hole before tensor 'b')");
    }

    @Test
    void holeAtTheEnd() throws Exception {
        assertHeaderRejected("trailing", "{\"a\":" + OK_ENTRY + "}", RawFiles.zeros(12),
                "bytes [8, 12) at the end of the data buffer belong to no tensor");
    }

    @Test
    void metadataThatIsNotStrings() throws Exception {
        assertHeaderRejected("metadata", "{\"__metadata__\":{\"epoch\":3}}", new byte[0],
                "__metadata__ value for 'epoch' must be a string, got the number 3");
        assertHeaderRejected("metadata-array", "{\"__metadata__\":[]}", new byte[0],
                "__metadata__ must be an object of strings, got an array");
    }

    /** Names and values from the file reached the terminal raw: an escaped ESC in a tensor name cleared the screen. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"\\u001b[2J\":{\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]}}",
        "{\"a\\u009b31m\":" + OK_ENTRY + ",\"a\\u009b31m\":" + OK_ENTRY + "}",
        "{\"a\":{\"dtype\":\"\\u0007\",\"shape\":[2],\"data_offsets\":[0,8]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[\"\\u001b]0;title\\u0007\"],\"data_offsets\":[0,8]}}",
        "{\"__metadata__\":{\"\\u001b\":1},\"a\":" + OK_ENTRY + "}",
    })
    void controlCharactersFromTheFileAreEscapedInMessages(String header) throws Exception {
        Path file = RawFiles.write(dir, "control.safetensors", RawFiles.file(header, RawFiles.f32(1, 2)));
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsReader.read(file));
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), "raw control character: " + e.getMessage());
        assertTrue(e.getMessage().contains("\\u00"), "escaped: " + e.getMessage());
    }

    @Test
    void controlCharactersInCheckpointMetadataAreEscaped() throws Exception {
        String header = "{\"__metadata__\":{\"format_version\":\"\\u001b[31m1\"},\"a\":" + OK_ENTRY + "}";
        Path file = RawFiles.write(dir, "control.ckpt", RawFiles.file(header, RawFiles.f32(1, 2)));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().contains("'\\u001b[31m1', not a version number"), e.getMessage());
    }
}
