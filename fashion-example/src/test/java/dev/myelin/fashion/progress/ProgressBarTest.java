package dev.myelin.fashion.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long now;

    private ProgressBar bar(long total, ProgressBar.Unit unit, boolean interactive, Charset charset) {
        PrintStream out = new PrintStream(bytes, true, charset);
        return new ProgressBar("epoch 1/3", total, unit, out, interactive, () -> now);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainOutputPrintsAFewWholeLines() {
        ProgressBar bar = bar(1000, ProgressBar.Unit.items("img"), false, StandardCharsets.UTF_8);
        for (int i = 1; i <= 1000; i++) {
            now += 1_000_000; // 1 ms per image: 1,000 img/s
            bar.update(i);
        }
        bar.finish();
        bar.finish(); // a second finish prints nothing

        List<String> lines = output().lines().toList();
        assertEquals(10, lines.size(), output()); // at 10%, 20%, ... 90%, then the final line
        assertFalse(output().contains("\r"));
        assertTrue(lines.getFirst().contains(" 10% "), lines.getFirst());
        assertTrue(lines.getFirst().contains("100/1,000 img"), lines.getFirst());
        assertTrue(lines.getFirst().contains("1,000 img/s"), lines.getFirst());
        assertTrue(lines.getFirst().contains("ETA 0:01"), lines.getFirst());
        assertTrue(lines.getLast().contains("100% [" + "█".repeat(30) + "]"), lines.getLast());
        assertTrue(lines.getLast().endsWith("in 0:01"), lines.getLast());
    }

    @Test
    void terminalOutputRedrawsOneLine() {
        ProgressBar bar = bar(100, ProgressBar.Unit.items("img"), true, StandardCharsets.UTF_8);
        for (int i = 1; i <= 100; i++) {
            now += 10_000_000; // 10 ms a step: a redraw every tenth step at most
            bar.field("loss", String.format("%.3f", 1.0 / i));
            bar.update(i);
        }
        bar.finish();

        String out = output();
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), out);
        long redraws = out.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 9 && redraws <= 11, "redraws: " + redraws);
        String last = out.substring(out.lastIndexOf('\r') + 1).strip();
        assertTrue(last.contains("100%"), last);
        assertTrue(last.endsWith("loss 0.010"), last);
    }

    @Test
    void bytesAreShownInMegabytes() {
        ProgressBar bar = bar(26_421_880, ProgressBar.Unit.bytes(), false, StandardCharsets.UTF_8);
        now += 2_000_000_000L;
        bar.update(13_210_940);
        assertTrue(output().contains(" 50% "), output());
        assertTrue(output().contains("13.2/26.4 MB  6.6 MB/s  ETA 0:02"), output());
    }

    @Test
    void unknownTotalPrintsEveryTenSeconds() {
        ProgressBar bar = bar(-1, ProgressBar.Unit.bytes(), false, StandardCharsets.UTF_8);
        for (int s = 1; s <= 25; s++) {
            now += 1_000_000_000L;
            bar.update(s * 1000L);
        }
        assertEquals(2, output().lines().count(), output());
        assertTrue(output().lines().toList().get(1).contains("20.0 kB"), output());
        assertFalse(output().contains("%"));
    }

    @Test
    void asciiOutputUsesAsciiBars() {
        ProgressBar bar = bar(4, ProgressBar.Unit.items("img"), false, StandardCharsets.US_ASCII);
        bar.update(2);
        bar.update(4);
        bar.finish();
        assertTrue(output().contains("[" + "#".repeat(30) + "]"), output());
        assertTrue(output().contains("[" + "#".repeat(15) + ".".repeat(15) + "]"), output());
    }

    @Test
    void durationsAreMinutesAndSeconds() {
        assertEquals("0:00", ProgressBar.duration(0.2));
        assertEquals("1:05", ProgressBar.duration(65));
        assertEquals("1:01:01", ProgressBar.duration(3661));
    }
}
