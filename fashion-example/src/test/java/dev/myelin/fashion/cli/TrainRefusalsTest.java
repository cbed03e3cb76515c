package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that cannot train are refused up front, in words that say what would work, and leave nothing behind. */
class TrainRefusalsTest {
    @TempDir
    Path work;

    private final TestCli cli = TestCli.training();
    private Path data;
    private Path out;

    @BeforeEach
    void setUp() {
        data = work.resolve("data");
        TinyFashion.write(data, 200, 20, 2);
        out = work.resolve("run");
    }

    private TestCli.Result train(String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "train";
        System.arraycopy(options, 0, args, 1, options.length);
        System.arraycopy(new String[] {"--data", data.toString(), "--out", out.toString()}, 0, args, options.length + 1, 4);
        return cli.run(args);
    }

    @Test
    void aLimitBelowOneBatchSaysWhichLimitOrBatchSizeWould() {
        TestCli.Result result = train("--model", "mlp", "--limit", "30");
        assertEquals(2, result.exitCode(), result.out());
        assertTrue(result.err().contains("--limit 30 leaves 25 training and 5 validation images, fewer than one batch of 64: "
                + "use --limit 76 or more, or --batch-size 25 or less"), result.err());
        assertFalse(Files.exists(out), "a refused run leaves no folder");
    }

    @Test
    void aBatchLargerThanTheDataSaysTheLargestThatFits() {
        TestCli.Result result = train("--model", "mlp", "--batch-size", "500");
        assertEquals(2, result.exitCode(), result.out());
        assertTrue(result.err().contains("the data has 167 training and 33 validation images, fewer than one batch of 500: "
                + "use --batch-size 167 or less"), result.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aLimitThatLeavesNoValidationImageIsRefused() {
        TestCli.Result result = train("--model", "mlp", "--limit", "5", "--batch-size", "4");
        assertEquals(2, result.exitCode(), result.out());
        assertTrue(result.err().contains("--limit 5 leaves 5 training and 0 validation images, no image to validate on: "
                + "use --limit 6 or more"), result.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void freezingAPrefixThatNamesNothingIsAUsageErrorListingThePrefixes() {
        Path base = work.resolve("base");
        assertEquals(0, cli.run("train", "--model", "mlp", "--epochs", "1", "--batch-size", "8", "--data", data.toString(),
                "--out", base.toString()).exitCode());
        TestCli.Result result = train("--model", "mlp", "--epochs", "1", "--batch-size", "8", "--init-from", base.toString(),
                "--freeze", "features.");
        assertEquals(2, result.exitCode(), result.out());
        assertTrue(result.err().contains("--freeze features.: no parameter name of Sequential starts with it; the names start "
                + "with 1. (2 parameters), 4. (2 parameters), 7. (2 parameters)"), result.err());
        assertFalse(result.err().contains("internal error"), result.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void badDataFailsWithoutLeavingARunFolder() throws Exception {
        Files.write(data.resolve(FashionMnist.TRAIN_IMAGES), new byte[] {1, 2, 3});
        TestCli.Result result = train("--model", "mlp", "--epochs", "1");
        assertEquals(1, result.exitCode(), result.out());
        assertFalse(Files.exists(out), "nothing was trained, so nothing may be left: " + result.err());
    }

    @Test
    void aFailedDownloadSaysHowToPointAtDataElsewhereAsEvaluateDoes() {
        Path empty = work.resolve("nowhere");
        TestCli.Result train = cli.run("train", "--data", empty.toString(), "--out", out.toString());
        TestCli.Result evaluate = cli.run("evaluate", "--run", work.toString(), "--data", empty.toString());
        String hint = "or give --data DIR, or set FASHION_MNIST_DIR, naming a directory that holds the four files.";
        assertEquals(1, train.exitCode());
        assertTrue(train.err().contains("Fashion-MNIST is not in " + empty + " (given by --data), and could not download"),
                train.err());
        assertTrue(train.err().contains(hint), train.err());
        assertTrue(evaluate.err().contains(hint), evaluate.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnknownChoiceListsTheNamesUsersType() {
        String[][] cases = {
            {"--model", "[mlp, cnn, vgg, resnet, best, knn, softmax, svm, forest]"},
            {"--optimizer", "[sgd, adam, adamw]"},
            {"--schedule", "[none, step, cosine, onecycle]"},
            {"--on-nan", "[stop, skip]"},
        };
        for (String[] c : cases) {
            TestCli.Result result = cli.run("train", c[0], "nope", "--data", data.toString());
            assertEquals(2, result.exitCode());
            assertTrue(result.err().contains("Invalid value for option '" + c[0] + "': expected one of " + c[1]
                    + " but was 'nope'"), result.err());
        }
        assertEquals(2, cli.run("train", "--model", "CNN", "--epochs", "0", "--data", data.toString()).exitCode(),
                "upper case still reads (then --epochs 0 is the error)");
    }
}
