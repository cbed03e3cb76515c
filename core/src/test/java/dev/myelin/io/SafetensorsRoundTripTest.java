package dev.myelin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.myelin.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the writer writes, the reader reads back bit for bit, with the same names, order and metadata. */
class SafetensorsRoundTripTest {

    @Property(tries = 200)
    void roundTripIsBitExact(@ForAll("tensorMaps") Map<String, Tensor> tensors,
            @ForAll("metadata") Map<String, String> metadata) throws Exception {
        Path dir = Files.createTempDirectory("myelin-roundtrip");
        Path file = dir.resolve("t.safetensors");
        try {
            SafetensorsWriter.write(file, tensors, metadata);
            SafetensorsFile read = SafetensorsReader.read(file);

            assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()), "names in order");
            for (var e : tensors.entrySet()) {
                Tensor back = read.tensor(e.getKey());
                assertArrayEquals(e.getValue().dims(), back.dims(), "shape of " + e.getKey());
                assertArrayEquals(bits(e.getValue()), bits(back), "bits of " + e.getKey());
            }
            assertEquals(metadata, read.metadata());
            assertEquals(List.copyOf(metadata.keySet()), List.copyOf(read.metadata().keySet()), "metadata order");
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    private static int[] bits(Tensor t) {
        float[] v = t.toArray();
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    /** Names and metadata strings with JSON-hostile and non-ASCII characters. */
    private static Arbitrary<String> names() {
        return Arbitraries.strings().alpha().numeric().withChars("._- \"\\/\n\té中😀".toCharArray())
                .ofMinLength(0).ofMaxLength(12).filter(s -> !s.equals("__metadata__") && isValidUnicode(s));
    }

    private static boolean isValidUnicode(String s) {
        // The character set above holds the two halves of an emoji separately; keep only well-paired strings.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Values that exercise every float class: normal, subnormal, zeros of both signs, infinities, NaN. */
    private static Arbitrary<Float> values() {
        return Arbitraries.oneOf(
                Arbitraries.floats().between(-1e6f, 1e6f),
                Arbitraries.of(0f, -0f, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE, Float.NaN,
                        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0x1.8p-140f));
    }

    private static Arbitrary<Tensor> tensors() {
        Arbitrary<int[]> shapes = Arbitraries.integers().between(0, 4).list().ofMinSize(0).ofMaxSize(4)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
        return shapes.flatMap(shape -> {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return values().list().ofSize(n).map(list -> {
                float[] v = new float[list.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = list.get(i);
                }
                return shape.length == 0 ? Tensor.scalar(v[0]) : Tensor.of(v, shape);
            });
        });
    }

    @Provide
    Arbitrary<Map<String, Tensor>> tensorMaps() {
        return Combinators.combine(names().list().uniqueElements().ofMaxSize(5), tensors().list().ofSize(5))
                .as((keys, values) -> {
                    Map<String, Tensor> m = new LinkedHashMap<>();
                    List<Tensor> vs = new ArrayList<>(values);
                    for (int i = 0; i < keys.size(); i++) {
                        m.put(keys.get(i), vs.get(i));
                    }
                    return m;
                });
    }

    @Provide
    Arbitrary<Map<String, String>> metadata() {
        return Combinators.combine(names().list().uniqueElements().ofMaxSize(3), names().list().ofSize(3))
                .as((keys, values) -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        m.put(keys.get(i), values.get(i));
                    }
                    return m;
                });
    }
}
