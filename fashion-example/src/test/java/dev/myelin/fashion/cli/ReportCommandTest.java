package dev.myelin.fashion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.testing.Chromium;
import dev.myelin.fashion.testing.FakeRun;
import dev.myelin.fashion.testing.TestCli;
import dev.myelin.fashion.testing.TinyFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    private static final Pattern IMG = Pattern.compile("<img ");
    private static final int MISTAKES = 12;

    @TempDir
    Path data;

    @TempDir
    Path work;

    private Path run;
    private final TestCli cli = new TestCli();

    @BeforeEach
    void setUp() {
        TinyFashion.write(data, 20, 300, 17);
        run = FakeRun.create(work.resolve("cnn-report"), 6);
    }

    private String report() throws Exception {
        TestCli.Result result = cli.run("report", "--run", run.toString(), "--data", data.toString(),
                "--mistakes", Integer.toString(MISTAKES));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Wrote " + run.resolve(RunDirectory.REPORT)), result.out());
        return Files.readString(run.resolve(RunDirectory.REPORT));
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theReportIsOneSelfContainedPageWithEverySection() throws Exception {
        String html = report();

        for (String id : new String[] {"curves", "confusion", "classes", "mistakes", "saliency", "config"}) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        }
        // 2 training curves, 1 heat map, the mistakes, and an image plus its saliency for each of 10 classes.
        assertEquals(2 + 1 + MISTAKES + 2 * 10, count(IMG, html));
        assertEquals(count(IMG, html), count(Pattern.compile("<img [^>]*src=\"data:image/png;base64,"), html));
        assertFalse(html.contains("http://") || html.contains("https://"), "no outside resources");
        assertFalse(html.contains("<link") || html.contains("<script"), "styles inline, no scripts");
        assertTrue(html.contains("90.00%"), "test accuracy of the fake model");
        assertTrue(html.contains("<br>as <span class=\"predicted\">"), "mistake captions");
        assertTrue(html.contains("Ankle boot"));
    }

    @Test
    void aRunWithoutMetricsStillGetsAReport() throws Exception {
        Files.delete(run.resolve(RunDirectory.METRICS));
        Files.delete(run.resolve(RunDirectory.CONFIG));

        String html = report();

        assertTrue(html.contains("no training history"), html);
        assertTrue(html.contains("no config.json"), html);
        assertEquals(1 + MISTAKES + 2 * 10, count(IMG, html));
    }

    @Test
    void aClassicModelGetsNoCurvesAndSaysWhyItHasNoSaliency() throws Exception {
        dev.myelin.fashion.run.MetricsFile.write(run, new dev.myelin.fashion.run.Metrics(java.util.List.of(),
                java.util.Map.of("accuracy", 0.9, "best_validation_accuracy", 0.875, "training_seconds", 12.0)));
        dev.myelin.fashion.testing.FakeModel fake = new dev.myelin.fashion.testing.FakeModel();
        cli.loader = r -> new dev.myelin.fashion.run.TrainedModel() {
            @Override
            public float[][] logits(float[][] images) {
                return fake.logits(images);
            }

            @Override
            public java.util.Optional<String> saliencyUnavailable() {
                return java.util.Optional.of("votes are not differentiable");
            }

            @Override
            public float[][] saliency(float[][] images, int[] classes) {
                throw new AssertionError("the report must not ask for saliency");
            }

            @Override
            public String preset() {
                return "knn";
            }
        };

        String html = report();

        assertFalse(html.contains("<section id=\"curves\">"), "no curves for a model without epochs");
        assertTrue(html.contains("Not for this model: votes are not differentiable."), html);
        assertTrue(html.contains("87.50%"), "validation accuracy card");
        assertEquals(1 + MISTAKES, count(IMG, html));
    }

    @Test
    void linksToTheExplorePageAndTheComparison() throws Exception {
        Path explore = Files.createDirectories(work.resolve("explore")).resolve("explore.html");
        Files.writeString(explore, "<html></html>");
        Path page = work.resolve("cmp").resolve("compare.html");
        Files.createDirectories(page.getParent());
        Files.writeString(page, "<html></html>");
        dev.myelin.fashion.compare.ComparisonLink.write(RunDirectory.open(run), page, true);

        String html = report();

        assertTrue(html.contains("<a href=\"../explore/explore.html\">The data</a>"), html);
        assertTrue(html.contains("<a href=\"../cmp/compare.html\">The comparison</a>"), html);
        assertTrue(html.contains("this model was chosen there"), html);
    }

    @Test
    void everyImageLoadsInChromium() throws Exception {
        Chromium.assumeAvailable();
        report();
        Chromium.ImageCount images = Chromium.decodedImages(run.resolve(RunDirectory.REPORT), work);
        int expected = 2 + 1 + MISTAKES + 2 * 10;
        assertEquals(expected, images.total());
        assertEquals(expected, images.decoded(), "every image decoded");
    }
}
