package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict JSON parser behind the safetensors header reader and the Fashion-MNIST program's run files. */
class JsonTest {
    @Test
    void parsesEveryKindOfValue() throws Exception {
        Object v = Json.parse(" {\"a\": [1, -0, 2.5, 1e3, true, false, null], \"b\": {}, \"c\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"} ");
        Map<?, ?> m = (Map<?, ?>) v;
        List<?> a = (List<?>) m.get("a");
        assertEquals(BigInteger.ONE, a.get(0));
        assertEquals(BigInteger.ZERO, a.get(1));
        assertEquals(new BigDecimal("2.5"), a.get(2));
        assertEquals(new BigDecimal("1e3"), a.get(3));
        assertEquals(Boolean.TRUE, a.get(4));
        assertEquals(Boolean.FALSE, a.get(5));
        assertNull(a.get(6));
        assertEquals(Map.of(), m.get("b"));
        assertEquals("x\"\\/\b\f\n\r\té\uD83D\uDE00", m.get("c"));
        assertEquals(List.of("a", "b", "c"), List.copyOf(m.keySet()), "key order is kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{", "{}}", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul", "\"abc",
        "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"a\tb\"", "{\"a\":1,\"a\":2}", "{a:1}",
        "[1 2]", "// c\n{}", "NaN", "Infinity",
    })
    void rejectsMalformedInput(String text) {
        assertThrows(JsonException.class, () -> Json.parse(text), text);
    }

    @Test
    void rejectsDeepNestingWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
        assertEquals(true, e.getMessage().contains("nesting deeper than 64"));
    }

    @Test
    void quoteRoundTrips() throws Exception {
        String s = "a\"b\\c\n\u0001é\uD83D\uDE00/";
        assertEquals(s, Json.parse(Json.quote(s)));
    }

    @Test
    void printableEscapesControlCharactersButLineFeedsAndPairedSurrogates() {
        assertEquals("a\\u001b[0m\\u009b\\u007f\\ud800\\u0009\n\u00e9\uD83D\uDE00",
                Json.printable("a\u001b[0m\u009b\u007f\uD800\t\n\u00e9\uD83D\uDE00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{", "[1,]", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{\"a\":1,\"a\":2}", "01", "1.", "-", "1e",
        "\"unterminated", "\"tab\there\"", "\"\\x\"", "nul", "[1] 2", "{a:1}", "// comment\n1", "NaN"
    })
    void malformedJsonIsPlacedByLineAndColumn(String text) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().contains("line 1") || e.getMessage().contains("line 2"), e.getMessage());
    }

    /** Raw control bytes in a bad file must not reach the terminal through an error message. */
    @ParameterizedTest
    @ValueSource(strings = {
        "\u001b[2J", "{\"a\": \u001b}", "{\"a\": 1, \"\\u001b[31m\": 2, \"\\u001b[31m\": 3}", "{\"a\": \"x\\\u001b\"}",
        "{\"a\": \"\u009b31m\u0007\"}", "{\"a\": t\u001b}", "[\"\\u001b\", 1, 1, \"\\u001b\"] \u0007",
    })
    void errorMessagesEscapeControlCharacters(String text) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), "raw control character in: " + e.getMessage());
    }

    @Test
    void duplicateKeyIsQuotedWithEscapes() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"\\u001b[2J\": 1, \"\\u001b[2J\": 2}"));
        assertTrue(e.getMessage().startsWith("duplicate key \"\\u001b[2J\""), e.getMessage());
    }

    /** Half of a surrogate pair is not a character: refused; a whole pair, escaped or not, is one. */
    @ParameterizedTest
    @ValueSource(strings = {"\"\\ud800\"", "\"\\udc00\"", "\"a\\ud83d\"", "\"\\ude00\\ud83d\"", "{\"\\ud800\": 1}"})
    void loneSurrogatesAreRefused(String text) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().contains("lone surrogate"), e.getMessage());
    }

    @Test
    void aSurrogatePairIsOneCharacter() throws Exception {
        assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\""));
        assertEquals("\uD83D\uDE00", Json.parse("\"\uD83D\uDE00\""));
    }

    /** Character.isDigit takes other scripts' digits: "1." and an Arabic-Indic three reached Double.parseDouble, which threw. */
    @ParameterizedTest
    @ValueSource(strings = {"1.\u0663", "\u0663", "[1e\u0663]", "\"\\u\uff10\uff10\uff14\uff11\"", "-\uff11"})
    void onlyAsciiDigitsAreDigits(String text) {
        assertThrows(JsonException.class, () -> Json.parse(text));
    }

    @Test
    void readErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.json"), "{\"history\": [}");
        JsonException e = assertThrows(JsonException.class, () -> Json.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void invalidUtf8NamesTheFileAndTheByte(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("metrics.json"), new byte[] {'{', '"', 'a', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'});
        JsonException e = assertThrows(JsonException.class, () -> Json.read(file));
        assertEquals(file + ": not valid UTF-8 at byte 3 (0xc0)", e.getMessage());
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), Json.MAX_FILE_BYTES); // sparse
        }
        JsonException e = assertThrows(JsonException.class, () -> Json.read(file));
        assertTrue(e.getMessage().startsWith(file + ": " + (Json.MAX_FILE_BYTES + 1) + " bytes is too large"), e.getMessage());
    }
}
