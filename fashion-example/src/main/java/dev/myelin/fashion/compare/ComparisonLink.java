package dev.myelin.fashion.compare;

import dev.myelin.fashion.json.JsonFields;
import dev.myelin.fashion.json.JsonWriter;
import dev.myelin.fashion.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The run folder's note of the latest comparison it took part in, {@value RunDirectory#COMPARISON}:
 * {@code {"page": "../compare.html", "chosen": true}}, the page's path relative to the run folder. The
 * run's report reads it to link to the comparison.
 *
 * @param page the comparison page, relative to the run folder
 * @param chosen whether this run's model was the one chosen
 */
public record ComparisonLink(String page, boolean chosen) {
    /** Records in {@code run} that the comparison page {@code page} includes it. */
    public static void write(RunDirectory run, Path page, boolean chosen) throws IOException {
        Path relative = run.dir().toAbsolutePath().normalize().relativize(page.toAbsolutePath().normalize());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("page", relative.toString().replace('\\', '/'));
        json.put("chosen", chosen);
        JsonWriter.write(run.file(RunDirectory.COMPARISON), json);
    }

    /** The run's comparison, if it has one whose page still exists. */
    public static Optional<ComparisonLink> read(RunDirectory run) throws IOException {
        Path file = run.file(RunDirectory.COMPARISON);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, Object> json = JsonFields.object(JsonFields.read(file), file.toString());
        String page = JsonFields.optionalString(json, "page", file.toString());
        if (page == null) {
            return Optional.empty();
        }
        boolean chosen = Boolean.TRUE.equals(json.get("chosen"));
        return Files.isRegularFile(run.dir().resolve(page)) ? Optional.of(new ComparisonLink(page, chosen)) : Optional.empty();
    }
}
