package dev.myelin.optim;

import dev.myelin.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fixture written by {@code tools/golden/make_optim_golden.py}: lines {@code name dims v1 v2 ...},
 * with float32 values printed to round-trip and doubles printed with Python's {@code repr}.
 */
final class Golden {
    private final String file;
    private final Map<String, String[]> entries = new LinkedHashMap<>();

    private Golden(String file) {
        this.file = file;
    }

    /** Reads {@code golden/optim/<name>.txt} from the test resources. */
    static Golden load(String name) {
        Golden g = new Golden(name + ".txt");
        try (InputStream in = Golden.class.getResourceAsStream("/golden/optim/" + g.file)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture golden/optim/" + g.file
                        + "; run tools/golden/make_optim_golden.py");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split(" ");
                    g.entries.put(parts[0], parts);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    boolean has(String name) {
        return entries.containsKey(name);
    }

    /** The names of the entries, in file order. */
    Iterable<String> names() {
        return entries.keySet();
    }

    int[] dims(String name) {
        return Arrays.stream(entry(name)[1].split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** A float32 entry as a tensor of its shape. */
    Tensor tensor(String name) {
        String[] e = entry(name);
        float[] values = new float[e.length - 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.parseFloat(e[i + 2]);
        }
        return Tensor.of(values, dims(name));
    }

    /** An entry of doubles. */
    double[] doubles(String name) {
        String[] e = entry(name);
        double[] values = new double[e.length - 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(e[i + 2]);
        }
        return values;
    }

    /** A one-word entry, such as {@code one_cycle.anneal_strategy 1 cos}. */
    String text(String name) {
        return entry(name)[2];
    }

    private String[] entry(String name) {
        String[] e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no entry '" + name + "' in golden/optim/" + file);
        }
        return e;
    }
}
