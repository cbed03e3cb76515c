package dev.myelin.fashion.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.myelin.fashion.data.DataLocation;
import dev.myelin.fashion.run.MetricsFile;
import dev.myelin.fashion.run.RunDirectory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cnn preset, one epoch on the first 10,000 training images (8,334 trained, 1,666 held out), must
 * reach 80% on the full test set. Constant learning rate and no augmentation, so one epoch counts.
 * Needs the real data in {@code FASHION_MNIST_DIR}; skipped, saying how to get it, without it.
 */
class RealDataTrainingTest {
    @Test
    void oneEpochOfTheCnnOnTenThousandImagesPassesEightyPercent(@TempDir Path runs) throws Exception {
        String dir = System.getenv(DataLocation.ENV);
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "Fashion-MNIST not available: set FASHION_MNIST_DIR to a directory holding the four .gz files, "
                        + "or run ./fashion download and point FASHION_MNIST_DIR at data/fashion-mnist");
        Path out = runs.resolve("cnn");
        TrainOptions options = new TrainOptions(ModelPreset.CNN, 1, 32, 2e-3, OptimizerKind.ADAM, ScheduleKind.NONE,
                false, Tuning.PRESET, 42, null, out, false, null, List.of(), Path.of(dir), 10_000, null, null, List.of());
        Training.run(options, new PrintStream(System.out, true));
        double accuracy = MetricsFile.read(out.resolve(RunDirectory.METRICS)).testAccuracy();
        System.out.printf("cnn, 1 epoch on 10,000 images: test accuracy %.2f%%%n", 100 * accuracy);
        assertTrue(accuracy >= 0.80, "test accuracy " + accuracy + " is below 80%");
    }
}
