package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict JSON parser behind the header reader. */
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
        assertThrows(Json.ParseException.class, () -> Json.parse(text), text);
    }

    @Test
    void rejectsDeepNestingWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(deep));
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
}
