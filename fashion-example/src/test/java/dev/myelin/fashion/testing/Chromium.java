package dev.myelin.fashion.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Chromium, when the machine has it, to load pages the way a reader's browser would. */
public final class Chromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {}

    public static boolean available() {
        return Files.isExecutable(BINARY);
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
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
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
