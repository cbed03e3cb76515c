package dev.myelin.fashion.report;

import dev.myelin.fashion.compare.ComparisonLink;
import dev.myelin.fashion.explore.ExplorePage;
import dev.myelin.fashion.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds the study's other pages that a run's report links to: the data exploration and a comparison. */
final class StudyLinks {
    /** Where {@code ./fashion explore} writes its page by default, relative to the working folder. */
    private static final Path EXPLORE_PAGE = ExplorePage.DEFAULT_DIR.resolve(ExplorePage.FILE_NAME);
    /** The page within a runs folder: {@code explore/explore.html}. */
    private static final Path EXPLORE_IN_RUNS = ExplorePage.DEFAULT_DIR.getFileName().resolve(ExplorePage.FILE_NAME);

    private StudyLinks() {
    }

    /** The links, relative to the folder of {@code reportFile}. */
    static List<ReportContent.Link> find(RunDirectory run, Path reportFile) throws IOException {
        Path from = reportFile.toAbsolutePath().normalize().getParent();
        List<ReportContent.Link> links = new ArrayList<>();
        explorePage(run).ifPresent(page -> links.add(new ReportContent.Link("The data",
                relative(from, page), "./fashion explore: samples, class statistics and a PCA map of the images")));
        Optional<ComparisonLink> comparison = ComparisonLink.read(run);
        comparison.ifPresent(c -> links.add(new ReportContent.Link("The comparison",
                relative(from, run.dir().resolve(c.page())),
                c.chosen() ? "this model was chosen there, on validation accuracy" : "this model beside the others")));
        return links;
    }

    /**
     * The explore page: {@code explore/explore.html} beside the run folder or beside its parent (a run
     * of a comparison), else in the default place under the working folder.
     */
    private static Optional<Path> explorePage(RunDirectory run) {
        Path runs = run.dir().toAbsolutePath().normalize().getParent();
        Set<Path> candidates = new LinkedHashSet<>();
        if (runs != null) {
            candidates.add(runs.resolve(EXPLORE_IN_RUNS));
            if (runs.getParent() != null) {
                candidates.add(runs.getParent().resolve(EXPLORE_IN_RUNS));
            }
        }
        candidates.add(EXPLORE_PAGE.toAbsolutePath().normalize());
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    private static String relative(Path from, Path to) {
        return from.relativize(to.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
