package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.files.AtomicFiles;
import dev.myelin.fashion.report.ReportBuilder;
import dev.myelin.fashion.report.ReportContent;
import dev.myelin.fashion.report.ReportHtml;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./fashion report}: one self-contained HTML page about a run. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Write an HTML report of a trained model.",
        description = {
            "Writes one self-contained HTML file (pictures embedded, no outside resources): training "
                    + "curves, the confusion matrix as a heat map, per-class metrics, the most confident "
                    + "mistakes and saliency maps for a test image of every class, and links to the data "
                    + "exploration and the comparison that include the run. Parts that do not apply to a "
                    + "model (training curves of k-NN, saliency of a forest) are left out with a note.",
            ""
        })
final class ReportCommand implements Callable<Integer> {
    private final FashionContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    RunOption run;

    @Mixin
    DataOption data;

    @Option(names = "--out", paramLabel = "FILE", showDefaultValue = Visibility.NEVER,
            description = "Where to write the report: a file, or an existing directory to write report.html into. "
                    + "Default: report.html in the run directory.")
    Path out;

    @Option(names = "--mistakes", paramLabel = "N", defaultValue = "24",
            description = "How many of the most confident mistakes to show.")
    int mistakes;

    @Option(names = "--limit", paramLabel = "N", showDefaultValue = Visibility.NEVER,
            description = "Use the first N test images only. Default: all.")
    Integer limit;

    ReportCommand(FashionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Limits.check(spec.commandLine(), limit);
        if (mistakes < 0) {
            throw new ParameterException(spec.commandLine(), "--mistakes must not be negative");
        }
        RunDirectory runDir = run.open();
        Path dataDir = data.require(context);
        TrainedModel model = run.loadModel(runDir, context);
        ImageSet test = Limits.first(Inference.measuredOn(model, FashionMnist.loadTest(dataDir)), limit);
        Path file = OutPaths.file(out, runDir, RunDirectory.REPORT);
        ReportContent content = ReportBuilder.build(runDir, model, test, mistakes, file, ZonedDateTime.now(context.clock()));
        byte[] html = ReportHtml.render(content).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, html);
        context.out().printf("Wrote %s (%,d kB); open it in a browser.%n", file, (html.length + 999) / 1000);
        model.saliencyUnavailable().ifPresent(why -> context.out().println("Saliency maps left out: " + why + "."));
        return 0;
    }
}
