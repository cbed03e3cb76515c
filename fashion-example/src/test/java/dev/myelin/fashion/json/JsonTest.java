package dev.myelin.fashion.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void parsesEveryKindOfValue() throws Exception {
        Object value = JsonParser.parse("""
                {"s": "a\\"b\\\\c\\n\\u00e9", "i": -12, "d": 1.5e-3, "t": true, "f": false, "n": null,
                 "list": [1, [2], {}], "big": 123456789012345678901234567890}
                """);
        Map<String, Object> map = JsonFields.object(value, "test");
        assertEquals("a\"b\\c\né", map.get("s"));
        assertEquals(-12L, map.get("i"));
        assertEquals(1.5e-3, map.get("d"));
        assertEquals(true, map.get("t"));
        assertEquals(false, map.get("f"));
        assertNull(map.get("n"));
        assertTrue(map.containsKey("n"));
        assertEquals(List.of(1L, List.of(2L), Map.of()), map.get("list"));
        assertEquals(1.2345678901234568E29, map.get("big"));
        assertEquals(List.of("s", "i", "d", "t", "f", "n", "list", "big"), List.copyOf(map.keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{", "[1,]", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{\"a\":1,\"a\":2}", "01", "1.", "-", "1e",
        "\"unterminated", "\"tab\there\"", "\"\\x\"", "nul", "[1] 2", "{a:1}", "// comment\n1", "NaN"
    })
    void rejectsMalformedJson(String text) {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse(text));
        assertTrue(e.getMessage().contains("line 1") || e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThrows(JsonException.class, () -> JsonParser.parse(deep));
    }

    @Test
    void writesIndentedJsonThatReadsBack() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "T-shirt/top \"quoted\"\n");
        map.put("count", 3);
        map.put("accuracy", 0.9125);
        map.put("whole", 2.0);
        map.put("nan", Double.NaN);
        map.put("none", null);
        map.put("rows", Arrays.asList(new int[] {1, 2}, new int[] {3, 4}));
        map.put("nested", Map.of("ok", true));
        map.put("empty", List.of());

        String text = JsonWriter.write(map);

        assertTrue(text.contains("\"rows\": [\n    [1, 2],\n    [3, 4]\n  ]"), text);
        Map<String, Object> back = JsonFields.object(JsonParser.parse(text), "test");
        assertEquals("T-shirt/top \"quoted\"\n", back.get("name"));
        assertEquals(3L, back.get("count"));
        assertEquals(0.9125, back.get("accuracy"));
        assertEquals(2L, back.get("whole"));
        assertNull(back.get("nan"));
        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L)), back.get("rows"));
        assertEquals(Map.of("ok", true), back.get("nested"));
    }

    @Test
    void readErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.json"), "{\"history\": [}");
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void fieldsExplainWrongTypes() {
        Map<String, Object> map = Map.of("epoch", "one");
        JsonException e = assertThrows(JsonException.class, () -> JsonFields.integer(map, "epoch", "metrics.json"));
        assertEquals("metrics.json: \"epoch\" should be a whole number, found a string", e.getMessage());
        assertTrue(Double.isNaN(assertDoesNotThrowNumber(Map.of(), "missing")));
    }

    private static double assertDoesNotThrowNumber(Map<String, Object> map, String key) {
        try {
            return JsonFields.number(map, key, "x");
        } catch (JsonException e) {
            throw new AssertionError(e);
        }
    }

    /** Raw control bytes in a bad file must not reach the terminal through an error message. */
    @ParameterizedTest
    @ValueSource(strings = {
        "\u001b[2J", "{\"a\": \u001b}", "{\"a\": 1, \"\\u001b[31m\": 2, \"\\u001b[31m\": 3}", "{\"a\": \"x\\\u001b\"}",
        "{\"a\": \"\u009b31m\u0007\"}", "{\"a\": t\u001b}", "[\"\\u001b\", 1, 1, \"\\u001b\"] \u0007",
    })
    void errorMessagesEscapeControlCharacters(String text) {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse(text));
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), "raw control character in: " + e.getMessage());
    }

    @Test
    void duplicateKeyIsQuotedWithEscapes() {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse("{\"\\u001b[2J\": 1, \"\\u001b[2J\": 2}"));
        assertTrue(e.getMessage().startsWith("duplicate key \"\\u001b[2J\""), e.getMessage());
    }

    @Test
    void printableEscapesControlsAndLoneSurrogatesOnly() {
        assertEquals("a\\u001b[0m\\u009b\\u007f\\ud800 é \uD83D\uDE00", JsonParser.printable("a\u001b[0m\u009b\u007f\uD800 é \uD83D\uDE00"));
    }

    /** Half of a surrogate pair is not a character: refused; a whole pair, escaped or not, is one. */
    @ParameterizedTest
    @ValueSource(strings = {"\"\\ud800\"", "\"\\udc00\"", "\"a\\ud83d\"", "\"\\ude00\\ud83d\"", "{\"\\ud800\": 1}"})
    void loneSurrogatesAreRefused(String text) {
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.parse(text));
        assertTrue(e.getMessage().contains("lone surrogate"), e.getMessage());
    }

    @Test
    void aSurrogatePairIsOneCharacter() throws Exception {
        assertEquals("\uD83D\uDE00", JsonParser.parse("\"\\ud83d\\ude00\""));
        assertEquals("\uD83D\uDE00", JsonParser.parse("\"\uD83D\uDE00\""));
    }

    /** Character.isDigit takes other scripts' digits: "1." and an Arabic-Indic three reached Double.parseDouble, which threw. */
    @ParameterizedTest
    @ValueSource(strings = {"1.\u0663", "\u0663", "[1e\u0663]", "\"\\u\uff10\uff10\uff14\uff11\"", "-\uff11"})
    void onlyAsciiDigitsAreDigits(String text) {
        assertThrows(JsonException.class, () -> JsonParser.parse(text));
    }

    @Test
    void invalidUtf8NamesTheFileAndTheByte(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("metrics.json"), new byte[] {'{', '"', 'a', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'});
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.read(file));
        assertEquals(file + ": not valid UTF-8 at byte 3 (0xc0)", e.getMessage());
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), JsonParser.MAX_FILE_BYTES); // sparse
        }
        JsonException e = assertThrows(JsonException.class, () -> JsonParser.read(file));
        assertTrue(e.getMessage().startsWith(file + ": " + (JsonParser.MAX_FILE_BYTES + 1) + " bytes is too large"), e.getMessage());
    }
}
