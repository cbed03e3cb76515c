package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.data.ImageSet;
import dev.myelin.fashion.eval.Inference;
import dev.myelin.fashion.predict.ImagePreprocessor;
import dev.myelin.fashion.predict.TextImage;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./fashion predict}: the most likely classes of pictures or of test images. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Classify pictures, or test images by index, with a trained model.",
        description = {
            "Prints the most likely classes with their probabilities. A picture of any size and colour "
                    + "(PNG, JPEG, GIF, BMP, TIFF) is made to look like the dataset: converted to luminance, "
                    + "its background edges trimmed, its longest side resized to 28 pixels keeping the "
                    + "aspect ratio, and centred on black. The dataset shows light garments on black; "
                    + "for an ordinary photo of a dark garment on a light background add --invert.",
            ""
        })
final class PredictCommand implements Callable<Integer> {
    private static final int BAR_WIDTH = 30;

    private final FashionContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    RunOption run;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", showDefaultValue = Visibility.NEVER,
            description = "Pictures to classify.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--index", paramLabel = "N", arity = "1..*", split = ",", showDefaultValue = Visibility.NEVER,
            description = "Test-set images to classify, by index (0 to 9999); several may follow, or be comma-separated.")
    List<Integer> indices = new ArrayList<>();

    @Option(names = "--invert",
            description = "Negate the pictures: for dark garments on a light background.")
    boolean invert;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "How many classes to show per image.")
    int top;

    @Option(names = "--show", description = "Also draw each 28x28 image as the model sees it.")
    boolean show;

    @Mixin
    DataOption data;

    PredictCommand(FashionContext context) {
        this.context = context;
    }

    /** One image to classify, with a title, and its true class when known (-1 otherwise). */
    private record Input(String title, float[] pixels, int label) {}

    @Override
    public Integer call() throws Exception {
        if (images.isEmpty() && indices.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Give IMAGE files or --index N (or both)");
        }
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top must be at least 1, not " + top);
        }
        RunDirectory runDir = run.open();
        List<Input> inputs = new ArrayList<>();
        if (!indices.isEmpty()) {
            ImageSet test = FashionMnist.loadTest(data.require(context));
            for (int index : indices) {
                if (index < 0 || index >= test.size()) {
                    throw new ParameterException(spec.commandLine(),
                            "--index " + index + " is outside 0.." + (test.size() - 1));
                }
                inputs.add(new Input("test image #" + index, test.image(index), test.label(index)));
            }
        }
        TrainedModel model = run.loadModel(runDir, context);
        int failures = 0;
        for (Path image : images) {
            try {
                inputs.add(new Input(image.toString(), ImagePreprocessor.load(image, invert), -1));
            } catch (IOException e) {
                context.err().println("fashion predict: " + e.getMessage());
                failures++;
            }
        }
        predict(model, inputs);
        if (failures > 0) {
            context.err().printf("fashion predict: %d of %d pictures could not be read%n", failures, images.size());
            return ErrorReporter.FAILURE;
        }
        return 0;
    }

    private void predict(TrainedModel model, List<Input> inputs) {
        PrintStream out = context.out();
        for (int from = 0; from < inputs.size(); from += Inference.BATCH) {
            List<Input> batch = inputs.subList(from, Math.min(inputs.size(), from + Inference.BATCH));
            float[][] pixels = batch.stream().map(Input::pixels).toArray(float[][]::new);
            float[][] probabilities = Inference.probabilities(model, pixels);
            for (int i = 0; i < batch.size(); i++) {
                print(out, batch.get(i), probabilities[i]);
            }
        }
    }

    private void print(PrintStream out, Input input, float[] probabilities) {
        List<String> names = FashionMnist.CLASS_NAMES;
        out.print(input.title());
        if (input.label() >= 0) {
            int predicted = Inference.argmax(probabilities);
            out.print(" (true class: " + names.get(input.label()) + "; "
                    + (predicted == input.label() ? "right" : "wrong") + ")");
        }
        out.println();
        if (show) {
            out.print(TextImage.render(input.pixels(), FashionMnist.ROWS, FashionMnist.COLS, "    "));
        }
        int rank = 1;
        for (int c : Inference.topK(probabilities, top)) {
            int cells = Math.round(probabilities[c] * BAR_WIDTH);
            out.printf(Locale.ROOT, "  %d. %-12s %6.2f%%  %s%n", rank++, names.get(c), 100 * probabilities[c],
                    "#".repeat(cells));
        }
    }
}
