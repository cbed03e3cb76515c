package dev.myelin.fashion.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.testing.IdxBytes;
import dev.myelin.fashion.testing.TinyFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void loadsAGeneratedSet() throws Exception {
        TinyFashion.write(dir, 50, 20, 1);

        FashionMnist data = FashionMnist.load(dir);

        assertEquals(50, data.train().size());
        assertEquals(20, data.test().size());
        assertEquals(28, data.test().rows());
        assertEquals(3, data.test().label(3));
        float[] image = data.test().image(3);
        assertEquals(784, image.length);
        for (float v : image) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void classNamesFollowTheLabels() {
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"), FashionMnist.CLASS_NAMES);
        assertEquals(10, FashionMnist.SHORT_NAMES.size());
    }

    @Test
    void missingFilesAreNamed() throws Exception {
        TinyFashion.write(dir, 10, 10, 1);
        Files.delete(dir.resolve(FashionMnist.TEST_LABELS));

        MissingDataException e = assertThrows(MissingDataException.class, () -> FashionMnist.load(dir));

        assertEquals(List.of(FashionMnist.TEST_LABELS), e.missing());
        assertTrue(e.getMessage().contains(dir.toString()));
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        TinyFashion.write(dir, 10, 10, 1);
        IdxBytes.write(dir.resolve(FashionMnist.TEST_LABELS),
                IdxBytes.gzip(IdxBytes.labels(Idx.LABELS_MAGIC, 9, new byte[9])));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> FashionMnist.loadTest(dir));

        assertEquals(dir.resolve(FashionMnist.TEST_IMAGES), e.file());
        assertTrue(e.fault().contains("10 images but there are 9 labels"), e.fault());
    }

    @Test
    void firstKeepsThePrefix() throws Exception {
        TinyFashion.write(dir, 10, 30, 1);
        ImageSet test = FashionMnist.loadTest(dir);

        ImageSet first = test.first(7);

        assertEquals(7, first.size());
        assertArrayEquals(test.image(6), first.image(6));
        assertEquals(test, test.first(100));
    }

    @Test
    void dataLocationPrefersOptionThenEnvironmentThenDefault() {
        Path option = Path.of("x");
        assertEquals(new DataLocation(option, "--data"),
                DataLocation.resolve(option, java.util.Map.of(DataLocation.ENV, "/elsewhere")));
        assertEquals(new DataLocation(Path.of("y"), DataLocation.ENV),
                DataLocation.resolve(null, java.util.Map.of(DataLocation.ENV, "y")));
        assertEquals(new DataLocation(Path.of("data", "fashion-mnist"), "default"),
                DataLocation.resolve(null, java.util.Map.of()));
    }
}
