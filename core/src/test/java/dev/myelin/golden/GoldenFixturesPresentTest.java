package dev.myelin.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A missing fixture must fail loudly, not silently shrink a parameterised test. */
class GoldenFixturesPresentTest {
    @Test
    void everyExpectedFixtureIsPresentAndReadable() throws IOException {
        Set<String> present;
        try (Stream<Path> files = Files.list(Fixtures.directory())) {
            present = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        List<String> missing = Fixtures.all().stream().map(n -> n + ".safetensors").filter(n -> !present.contains(n))
                .toList();
        assertTrue(missing.isEmpty(), "missing golden fixtures " + missing + " in " + Fixtures.directory()
                + "; regenerate them with tools/golden/make_golden.py");
        for (String name : Fixtures.all()) {
            assertTrue(Fixtures.load(name).tensors().size() > 0, name + " holds no tensor");
        }
    }
}
