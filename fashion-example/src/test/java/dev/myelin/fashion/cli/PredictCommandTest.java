package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.testing.FakeRun;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
    @TempDir
    Path data;

    @TempDir
    Path work;

    private Path run;
    private final TestCli cli = new TestCli();

    @BeforeEach
    void setUp() {
        TinyFashion.write(data, 20, 30, 13);
        run = FakeRun.create(work.resolve("run"), 2);
    }

    /**
     * A 280x140 photo of class {@code c}'s square, ten times the dataset's scale, with a second
     * faint square so that trimming keeps the layout: dark on white when {@code darkOnLight}.
     */
    private Path photo(int c, boolean darkOnLight) throws Exception {
        float[] t = TinyFashion.template(c);
        BufferedImage image = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 280; y++) {
            for (int x = 0; x < 280; x++) {
                // A faint frame keeps the trim from cropping to the square alone.
                boolean frame = x < 10 || y < 10 || x >= 270 || y >= 270;
                int v = t[(y / 10) * 28 + x / 10] > 0 ? 230 : frame ? 30 : 0;
                if (darkOnLight) {
                    v = 255 - v;
                }
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        Path file = work.resolve("class" + c + (darkOnLight ? "-inverted" : "") + ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void testImagesByIndexShowTopThreeAndTheTruth() {
        TestCli.Result result = cli.run("predict", "--run", run.toString(), "--data", data.toString(), "--index", "3", "11");

        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("test image #3 (true class: Dress; right)"), out);
        assertTrue(out.contains("test image #11 (true class: Trouser; wrong)"), out);
        assertTrue(out.contains("  1. Dress "), out);
        assertEquals(2, out.lines().filter(l -> l.startsWith("  3. ")).count(), out);
        assertEquals(0, out.lines().filter(l -> l.startsWith("  4. ")).count(), out);
    }

    @Test
    void picturesArePreprocessedLikeTheDataset() throws Exception {
        TestCli.Result plain = cli.run("predict", "--run", run.toString(), photo(7, false).toString(), "--top", "1", "--show");
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(plain.out().contains("  1. Sneaker "), plain.out());
        assertTrue(plain.out().contains("%%%%%%%%"), "--show draws the image:\n" + plain.out());

        TestCli.Result inverted = cli.run("predict", "--run", run.toString(), "--invert", photo(2, true).toString());
        assertEquals(0, inverted.exitCode(), inverted.err());
        assertTrue(inverted.out().contains("  1. Pullover "), inverted.out());
    }

    @Test
    void anUnreadablePictureFailsButTheOthersAreStillClassified() throws Exception {
        Path text = Files.writeString(work.resolve("notes.png"), "hello");

        TestCli.Result result = cli.run("predict", "--run", run.toString(), text.toString(), photo(1, false).toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains(text + ": not an image"), result.err());
        assertTrue(result.out().contains("  1. Trouser "), result.out());
    }

    @Test
    void usageErrors() {
        TestCli.Result nothing = cli.run("predict", "--run", run.toString());
        assertEquals(2, nothing.exitCode());
        assertTrue(nothing.err().contains("Give IMAGE files or --index N"), nothing.err());

        TestCli.Result outside = cli.run("predict", "--run", run.toString(), "--data", data.toString(), "--index", "30");
        assertEquals(2, outside.exitCode());
        assertTrue(outside.err().contains("--index 30 is outside 0..29"), outside.err());
    }
}
