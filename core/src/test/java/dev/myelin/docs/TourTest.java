package dev.myelin.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/tour.md quotes the source stop by stop, each excerpt headed by its file and lines. Every
 * excerpt must still be those lines of that file (indentation aside), so the tour never rots: when
 * code moves, this test says where the excerpt is now.
 */
class TourTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern EXCERPT = Pattern.compile(
            "`([^`]+)`, lines (\\d+)–(\\d+):\\n\\n```java\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everyExcerptIsTheCurrentSource() throws IOException {
        String tour = Files.readString(ROOT.resolve("docs/tour.md"));
        Matcher m = EXCERPT.matcher(tour);
        List<String> stale = new ArrayList<>();
        int excerpts = 0;
        while (m.find()) {
            excerpts++;
            Path file = ROOT.resolve(m.group(1));
            assertTrue(Files.isRegularFile(file), "docs/tour.md quotes " + m.group(1) + ", which does not exist");
            List<String> source = Files.readAllLines(file);
            int first = Integer.parseInt(m.group(2));
            int last = Integer.parseInt(m.group(3));
            List<String> quoted = m.group(4).lines().toList();
            if (last > source.size() || !dedent(source.subList(first - 1, last)).equals(quoted)) {
                stale.add(m.group(1) + ", lines " + first + "–" + last + ": " + whereNow(source, quoted));
            }
        }
        assertTrue(excerpts >= 8, "the tour has a quoted excerpt for each of its stops, found " + excerpts);
        assertEquals(List.of(), stale, "excerpts of docs/tour.md that no longer match the source");
    }

    /** Where the quoted lines are in the file now, to fix the heading, or that they are gone. */
    private static String whereNow(List<String> source, List<String> quoted) {
        for (int i = 0; i + quoted.size() <= source.size(); i++) {
            if (dedent(source.subList(i, i + quoted.size())).equals(quoted)) {
                return "the excerpt is now at lines " + (i + 1) + "–" + (i + quoted.size());
            }
        }
        return "the quoted code is no longer in the file; quote it again";
    }

    /** The lines without the indentation they all share (blank lines aside). */
    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
