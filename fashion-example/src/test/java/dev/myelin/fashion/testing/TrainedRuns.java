package dev.myelin.fashion.testing;

import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.fashion.train.Training;
import java.nio.file.Path;

/** Real run folders, trained in seconds on {@link TinyFashion} data, for tests that need a real network. */
public final class TrainedRuns {
    private TrainedRuns() {}

    /** A cnn trained for two epochs on 300 tiny images into {@code work/cnn}; its data goes to {@code work/data}. */
    public static Path cnn(Path work) {
        Path data = work.resolve("data");
        TinyFashion.write(data, 300, 50, 7);
        TestCli cli = new TestCli();
        cli.trainer = Training::run;
        cli.loader = new PresetModelLoader();
        Path run = work.resolve("cnn");
        TestCli.Result result = cli.run("train", "--model", "cnn", "--epochs", "2", "--batch-size", "20", "--seed", "5",
                "--no-augment", "--data", data.toString(), "--out", run.toString());
        if (result.exitCode() != 0) {
            throw new AssertionError("training the test's cnn failed:\n" + result.err());
        }
        return run;
    }

    /**
     * A 28x28 picture of class {@code c}'s square, light on black, as PNG bytes. A faint frame keeps
     * the preprocessing's trim from cropping to the square alone, which would lose the place that
     * tells the tiny classes apart.
     */
    public static byte[] png(int c) {
        float[] t = TinyFashion.template(c);
        var image = new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < t.length; p++) {
            int x = p % 28;
            int y = p / 28;
            boolean frame = x == 0 || y == 0 || x == 27 || y == 27;
            image.getRaster().setSample(x, y, 0, t[p] > 0 ? 230 : frame ? 30 : 0);
        }
        var out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
