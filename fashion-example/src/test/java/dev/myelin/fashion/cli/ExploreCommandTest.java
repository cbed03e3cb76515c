package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.explore.ExploreJson;
import dev.myelin.fashion.explore.ExplorePage;
import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.testing.Chromium;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExploreCommandTest {
    /** 60 training images (50 for training, the last 10 for validation) and 40 test images, labels i % 10. */
    private static final int TRAIN = 60;
    private static final int TEST = 40;
    private static final int SAMPLES = 3;
    private static final int PCA_IMAGES = 25;
    /** Samples of 10 classes, the mean and deviation of each, five closest pairs of two means each, two charts. */
    private static final int IMAGES = 10 * SAMPLES + 2 * 10 + 2 * ExplorePage.CLOSEST_PAIRS + 2;
    private static final Pattern IMG = Pattern.compile("<img ");

    /** One successful run, shared: the tests below only read what it wrote. */
    @TempDir
    static Path data;

    @TempDir
    static Path shared;

    private static Path written;
    private static TestCli.Result success;

    @TempDir
    Path work;

    private Path out;
    private final TestCli cli = new TestCli();

    @BeforeAll
    static void exploreOnce() {
        TinyFashion.write(data, TRAIN, TEST, 23);
        written = shared.resolve("explore");
        success = new TestCli().run("explore", "--data", data.toString(), "--out", written.toString(),
                "--samples", Integer.toString(SAMPLES), "--pca-images", Integer.toString(PCA_IMAGES));
    }

    @BeforeEach
    void setUp() {
        out = work.resolve("explore");
    }

    /** Runs explore on the tiny data into {@code out} with {@code options}. */
    private TestCli.Result explore(String... options) {
        List<String> args = new ArrayList<>(List.of("explore", "--data", data.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        return cli.run(args.toArray(String[]::new));
    }

    private static String page() throws Exception {
        assertEquals(0, success.exitCode(), success.err());
        return Files.readString(written.resolve(ExplorePage.FILE_NAME));
    }

    @Test
    void writesASelfContainedPageWithEverySection() throws Exception {
        String html = page();

        for (String id : new String[] {"counts", "samples", "means", "pixels", "distances", "pca"}) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        }
        assertEquals(IMAGES, count(IMG, html));
        assertEquals(IMAGES, count(Pattern.compile("<img [^>]*src=\"data:image/png;base64,"), html), "every picture a data URI");
        assertFalse(html.contains("http://") || html.contains("https://"), "no outside resources");
        assertFalse(html.contains("<link") || html.contains("<script"), "styles inline, no scripts");
        assertTrue(html.contains("Ankle boot"));
    }

    @Test
    void theJsonCountsTheSplitsAndKeepsTheNumbers() throws Exception {
        page();
        Map<String, Object> json = JsonFields.object(JsonFields.read(written.resolve(ExploreJson.FILE_NAME)), "explore.json");

        Map<String, Object> counts = JsonFields.object(json.get("counts"), "counts");
        assertEquals(List.of(5L, 5L, 5L, 5L, 5L, 5L, 5L, 5L, 5L, 5L), counts.get("train"));
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L), counts.get("validation"));
        assertEquals(List.of(4L, 4L, 4L, 4L, 4L, 4L, 4L, 4L, 4L, 4L), counts.get("test"));
        assertEquals(50L, counts.get("train_total"));

        Map<String, Object> pca = JsonFields.object(json.get("pca"), "pca");
        assertEquals(50L, pca.get("fit_images"));
        List<Object> components = JsonFields.array(pca.get("components"), "components");
        assertEquals(10, components.size());
        double previous = Double.POSITIVE_INFINITY;
        for (Object component : components) {
            double explained = JsonFields.number(JsonFields.object(component, "component"), "explained_variance", "pca");
            assertTrue(explained <= previous && explained >= 0, "explained variance descends");
            previous = explained;
        }
        Map<String, Object> projection = JsonFields.object(pca.get("projection"), "projection");
        assertEquals((long) PCA_IMAGES, projection.get("images"));
        assertEquals(PCA_IMAGES, JsonFields.array(projection.get("pc1"), "pc1").size());

        List<Object> closest = JsonFields.array(JsonFields.object(json.get("mean_distances"), "distances").get("closest"), "closest");
        assertEquals(ExplorePage.CLOSEST_PAIRS, closest.size());
        double zero = JsonFields.number(JsonFields.object(json.get("pixels"), "pixels"), "zero_fraction", "pixels");
        assertTrue(zero > 0 && zero < 0.1, "TinyFashion's noise is rarely exactly 0: " + zero);
    }

    @Test
    void theSummaryNamesCountsPairsVarianceAndFiles() {
        TestCli.Result result = success;

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("All                   50          10      40"), result.out());
        assertTrue(result.out().contains("Closest class means"), result.out());
        assertTrue(result.out().contains("PC1 "), result.out());
        assertTrue(result.out().contains("Wrote " + written.resolve(ExplorePage.FILE_NAME)), result.out());
        assertTrue(result.out().contains(written.resolve(ExploreJson.FILE_NAME).toString()), result.out());
        assertEquals("", result.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--samples=0", "--samples=-3", "--samples=101", "--pca-images=0", "--pca-images=-1",
        "--pca-images=41", "--samples=many"})
    void badNumbersAreOneLineUsageErrorsAndWriteNothing(String option) {
        TestCli.Result result = explore(option);

        assertEquals(2, result.exitCode(), result.out());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        String firstLine = result.err().strip();
        String name = option.substring(0, option.indexOf('='));
        String value = option.substring(option.indexOf('=') + 1);
        assertTrue(firstLine.startsWith("fashion explore: " + name)
                || firstLine.startsWith("fashion explore: Invalid value for option '" + name + "'"), firstLine);
        assertTrue(firstLine.contains(value), "the line names the bad value: " + firstLine);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void tooManyPcaImagesSaysHowManyThereAre() {
        TestCli.Result result = explore("--pca-images", "41");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("fashion explore: --pca-images 41 is more than the 40 test images."),
                result.err());
    }

    @Test
    void aFailedRunLeavesAnEarlierPageAsItWas() throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve(ExplorePage.FILE_NAME), "earlier page");

        assertEquals(2, explore("--pca-images", "41").exitCode());

        assertEquals("earlier page", Files.readString(out.resolve(ExplorePage.FILE_NAME)));
        assertFalse(Files.exists(out.resolve(ExploreJson.FILE_NAME)));
        try (var files = Files.list(out)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void missingDataSaysHowToGetItAndWritesNothing() {
        Path nowhere = work.resolve("no-data");
        TestCli.Result result = cli.run("explore", "--data", nowhere.toString(), "--out", out.toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("fashion explore: Fashion-MNIST is not in " + nowhere + " (given by --data)"),
                result.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void helpExplainsEveryOptionWithItsDefault() {
        TestCli.Result result = cli.run("explore", "--help");

        assertEquals(0, result.exitCode(), result.err());
        String help = result.out();
        assertTrue(help.contains("Usage: fashion explore"), help);
        for (String option : new String[] {"--data", "--out", "--samples", "--pca-images"}) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
        assertTrue(help.contains("Default: runs/explore"), help);
        assertTrue(help.contains("Default: 10") && help.contains("Default: 2000"), help);
        assertTrue(help.contains("Exit codes:"), help);
        assertTrue(cli.run("--help").out().contains("  explore "), "listed among the commands");
        assertTrue(cli.run().err().contains("explore"), "named when the command is missing");
    }

    @Test
    void theDefaultFolderIsRunsExplore() {
        assertEquals(Path.of("runs", "explore"), ExplorePage.DEFAULT_DIR);
        assertEquals("explore.html", ExplorePage.FILE_NAME);
        assertEquals("explore.json", ExploreJson.FILE_NAME);
    }

    @Test
    void everyImageLoadsInChromium() throws Exception {
        Chromium.assumeAvailable();
        page();
        Chromium.ImageCount images = Chromium.decodedImages(written.resolve(ExplorePage.FILE_NAME), work);
        assertEquals(IMAGES, images.total());
        assertEquals(IMAGES, images.decoded(), "every image decoded");
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
