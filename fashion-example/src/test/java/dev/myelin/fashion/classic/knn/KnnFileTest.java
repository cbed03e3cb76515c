package dev.myelin.fashion.classic.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.classic.ModelFileException;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.io.SafetensorsReader;
import dev.myelin.io.SafetensorsWriter;
import dev.myelin.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnFileTest {
    private static final int N = 12;

    @TempDir
    Path dir;

    @Test
    void aSavedModelLoadsBackTheSame() throws Exception {
        KnnClassifier model = model(new Random(13), 5);
        Path file = dir.resolve("model.safetensors");
        KnnFile.save(file, model);
        KnnClassifier loaded = KnnFile.load(file);

        assertEquals(5, loaded.k());
        assertEquals("knn", loaded.preset());
        assertArrayEquals(model.labels(), loaded.labels());
        assertTrue(model.images().contentEquals(loaded.images()));
        float[][] queries = new float[4][FashionMnist.PIXELS];
        queries[1][100] = 1f;
        queries[2][400] = 0.5f;
        queries[3][700] = 0.25f;
        float[][] before = model.logits(queries);
        float[][] after = loaded.logits(queries);
        for (int q = 0; q < queries.length; q++) {
            assertArrayEquals(before[q], after[q]);
        }
    }

    @Test
    void theFileHoldsTheDocumentedLayout() throws Exception {
        Path file = dir.resolve("model.safetensors");
        KnnFile.save(file, model(new Random(14), 3));
        var contents = SafetensorsReader.read(file);
        assertEquals(Map.of("myelin.model", "knn", "format_version", "1", "k", "3"), contents.metadata());
        assertArrayEquals(new int[] {N, FashionMnist.PIXELS}, contents.tensor("images").dims());
        assertArrayEquals(new int[] {N}, contents.tensor("labels").dims());
    }

    @Test
    void notASafetensorsFile() throws Exception {
        Path file = dir.resolve("model.safetensors");
        Files.writeString(file, "hello");
        assertFault(file, "not a readable safetensors file");
    }

    @Test
    void noModelKind() throws Exception {
        assertFault(written(f -> f.metadata.remove("myelin.model")), "no 'myelin.model' metadata");
    }

    @Test
    void anotherKindOfModel() throws Exception {
        assertFault(written(f -> f.metadata.put("myelin.model", "forest")), "holds a 'forest' model, not a 'knn' model");
    }

    @Test
    void noFormatVersion() throws Exception {
        assertFault(written(f -> f.metadata.remove("format_version")), "no 'format_version' metadata");
    }

    @Test
    void anotherFormatVersion() throws Exception {
        assertFault(written(f -> f.metadata.put("format_version", "2")), "format_version is '2'");
    }

    @Test
    void noK() throws Exception {
        assertFault(written(f -> f.metadata.remove("k")), "no 'k' metadata");
    }

    @Test
    void kIsNotANumber() throws Exception {
        assertFault(written(f -> f.metadata.put("k", "five")), "'k' metadata is 'five'");
    }

    @Test
    void kIsZero() throws Exception {
        assertFault(written(f -> f.metadata.put("k", "0")), "k = 0 is not between 1 and the 12");
    }

    @Test
    void kExceedsTheImages() throws Exception {
        assertFault(written(f -> f.metadata.put("k", "13")), "k = 13 is not between 1 and the 12");
    }

    @Test
    void noLabels() throws Exception {
        assertFault(written(f -> f.tensors.remove("labels")), "holds [images]");
    }

    @Test
    void anExtraTensor() throws Exception {
        assertFault(written(f -> f.tensors.put("weights", Tensor.zeros(3))), "holds [images, labels, weights]");
    }

    @Test
    void imagesOfTheWrongWidth() throws Exception {
        assertFault(written(f -> f.tensors.put("images", Tensor.zeros(N, 783))), "'images' has shape");
    }

    @Test
    void imagesNotAMatrix() throws Exception {
        assertFault(written(f -> f.tensors.put("images", Tensor.zeros(N * FashionMnist.PIXELS))), "'images' has shape");
    }

    @Test
    void noImages() throws Exception {
        assertFault(written(f -> {
            f.tensors.put("images", Tensor.zeros(0, FashionMnist.PIXELS));
            f.tensors.put("labels", Tensor.zeros(0));
        }), "'images' has shape");
    }

    @Test
    void labelsNotMatchingTheImages() throws Exception {
        assertFault(written(f -> f.tensors.put("labels", Tensor.zeros(N - 1))), "'labels' has shape");
    }

    @Test
    void aFractionalLabel() throws Exception {
        assertFault(written(f -> f.labels()[7] = 2.5f), "'labels' entry 7 is 2.5");
    }

    @Test
    void aLabelOutOfRange() throws Exception {
        assertFault(written(f -> f.labels()[3] = 10f), "'labels' entry 3 is 10.0");
        assertFault(written(f -> f.labels()[0] = -1f), "'labels' entry 0 is -1.0");
    }

    @Test
    void aPixelThatIsNotANumber() throws Exception {
        assertFault(written(f -> f.pixels()[2 * FashionMnist.PIXELS + 5] = Float.NaN), "image 2 pixel 5 is NaN");
    }

    @Test
    void anInfinitePixel() throws Exception {
        assertFault(written(f -> f.pixels()[9] = Float.POSITIVE_INFINITY), "image 0 pixel 9 is Infinity");
    }

    @Test
    void aPixelOutsideZeroToOne() throws Exception {
        assertFault(written(f -> f.pixels()[FashionMnist.PIXELS] = 1.5f), "image 1 pixel 0 is 1.5");
    }

    private void assertFault(Path file, String fault) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> KnnFile.load(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fault), e.getMessage());
    }

    /** The tensors and metadata of a valid file, which a test spoils before they are written. */
    private static final class Pieces {
        final Map<String, Tensor> tensors = new LinkedHashMap<>();
        final Map<String, String> metadata = new LinkedHashMap<>();

        Pieces() {
            Tensor images = Tensor.zeros(N, FashionMnist.PIXELS);
            Tensor labels = Tensor.zeros(N);
            for (int i = 0; i < N; i++) {
                images.array()[i * FashionMnist.PIXELS + i] = 1f;
                labels.array()[i] = i % FashionMnist.CLASSES;
            }
            tensors.put("images", images);
            tensors.put("labels", labels);
            metadata.put("myelin.model", "knn");
            metadata.put("format_version", "1");
            metadata.put("k", "3");
        }

        /** The pixels of the images tensor, to change in place. */
        float[] pixels() {
            return tensors.get("images").array();
        }

        /** The values of the labels tensor, to change in place. */
        float[] labels() {
            return tensors.get("labels").array();
        }
    }

    /** A file that is valid but for what {@code spoil} changes. */
    private Path written(Consumer<Pieces> spoil) throws Exception {
        Pieces pieces = new Pieces();
        spoil.accept(pieces);
        Path file = Files.createTempFile(dir, "knn", ".safetensors");
        SafetensorsWriter.write(file, pieces.tensors, pieces.metadata);
        return file;
    }

    private static KnnClassifier model(Random random, int k) {
        float[] images = new float[N * FashionMnist.PIXELS];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextInt(256) / 255f;
        }
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = random.nextInt(FashionMnist.CLASSES);
        }
        return new KnnClassifier(Tensor.of(images, N, FashionMnist.PIXELS), labels, k);
    }
}
