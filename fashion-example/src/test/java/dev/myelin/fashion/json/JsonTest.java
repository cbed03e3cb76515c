package dev.myelin.fashion.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.io.JsonException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The program's view of JSON: numbers as long and double, the writer, typed fields. The parser itself is
 * core's ({@code dev.myelin.io.Json}) and is tested there.
 */
class JsonTest {
    @Test
    void parsesEveryKindOfValue() throws Exception {
        Object value = JsonFields.parse("""
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
        Map<String, Object> back = JsonFields.object(JsonFields.parse(text), "test");
        assertEquals("T-shirt/top \"quoted\"\n", back.get("name"));
        assertEquals(3L, back.get("count"));
        assertEquals(0.9125, back.get("accuracy"));
        assertEquals(2L, back.get("whole"));
        assertNull(back.get("nan"));
        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L)), back.get("rows"));
        assertEquals(Map.of("ok", true), back.get("nested"));
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
}
