package dev.myelin.fashion.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium, when the machine has it, to load pages the way a reader's browser would. It is
 * the program named by {@code CHROMIUM}, else the first of chromium, chromium-browser or
 * google-chrome on the {@code PATH}.
 */
public final class Chromium {
    private static final Optional<Path> BINARY = locate();

    private Chromium() {}

    public static boolean available() {
        return BINARY.isPresent();
    }

    /** The browser's executable; only when {@link #available()}. */
    public static Path binary() {
        return BINARY.orElseThrow();
    }

    /**
     * Skips the calling test when there is no Chromium, unless {@code MYELIN_REQUIRE_BROWSER} is set
     * (as {@code .ci/run} sets it), in which case the test fails: CI must run the browser tests.
     */
    public static void assumeAvailable() {
        String hint = "no Chromium on the PATH (install it, e.g. apt-get install chromium, or name it in CHROMIUM)";
        String required = System.getenv("MYELIN_REQUIRE_BROWSER");
        if (required != null && !required.isBlank() && !available()) {
            throw new AssertionError(hint + "; MYELIN_REQUIRE_BROWSER is set, so this test may not be skipped");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(available(), hint);
    }

    private static Optional<Path> locate() {
        String named = System.getenv("CHROMIUM");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** How many of a page's images decoded, of how many it has. */
    public record ImageCount(int decoded, int total) {}

    /**
     * Loads a copy of {@code page} with a script that counts, once the page has loaded, the images
     * that decoded; the page itself has no script.
     */
    public static ImageCount decodedImages(Path page, Path scratch) throws IOException, InterruptedException {
        String probe = """
                <script>
                window.addEventListener('load', () => {
                  const images = Array.from(document.images);
                  const loaded = images.filter(i => i.complete && i.naturalWidth > 0).length;
                  document.body.setAttribute('data-images', loaded + '/' + images.length);
                });
                </script>
                """;
        Path copy = scratch.resolve("probe-" + page.getFileName());
        Files.writeString(copy, Files.readString(page).replace("</body>", probe + "</body>"));
        String dom = dumpDom(copy, scratch);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-images=\"(\\d+)/(\\d+)\"").matcher(dom);
        if (!m.find()) {
            throw new AssertionError("the probe did not run: " + dom.substring(0, Math.min(300, dom.length())));
        }
        return new ImageCount(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Loads {@code page} and returns the DOM after its scripts ran. */
    public static String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
        return run(page, scratch, "--dump-dom");
    }

    /** Renders {@code page} to a PNG of the given window size. */
    public static void screenshot(Path page, Path png, int width, int height, Path scratch)
            throws IOException, InterruptedException {
        run(page, scratch, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars");
    }

    private static String run(Path page, Path scratch, String... extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(BINARY.orElseThrow().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(), "--virtual-time-budget=5000"));
        command.addAll(List.of(extra));
        command.add(page.toAbsolutePath().toUri().toString());
        Path stdout = scratch.resolve("chromium.out");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(scratch.resolve("chromium.err").toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Chromium did not finish within two minutes");
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
