package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.run.RunDirectory;
import dev.myelin.fashion.run.TrainedModel;
import dev.myelin.io.StateDict;
import dev.myelin.nn.Module;
import dev.myelin.onnx.Onnx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./fashion export}: a trained network as an ONNX model or as a safetensors state dict. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Write a trained network as an ONNX model, or its weights as a safetensors state dict.",
        description = {
            "onnx: a model that ONNX Runtime (or any ONNX runner) executes without Myelin, in evaluation "
                    + "mode, with the class names in its metadata (docs/deploy.md). Input \"input\", float32 "
                    + "of shape (batch, 1, 28, 28); output \"logits\", one score per class (softmax gives "
                    + "the probabilities).",
            "Preprocessing the model expects: " + ExportCommand.PREPROCESSING,
            "safetensors: the network's state dict under PyTorch's names, which the same architecture "
                    + "written with torch.nn loads with load_state_dict.",
            "Only networks export (mlp, cnn, vgg, resnet, best, softmax, svm), not k-NN, a forest or an ensemble.",
            ""
        })
final class ExportCommand implements Callable<Integer> {
    /** How an image becomes the input, for the help and the ONNX metadata. */
    static final String PREPROCESSING = "a 28x28 greyscale image, row by row, each pixel's 0-255 grey level "
            + "divided by 255 (0 the background, 1 the brightest), a light garment on a black background as in "
            + "Fashion-MNIST (invert an ordinary photo of a dark garment on a light background); no mean or "
            + "standard-deviation normalisation.";

    /** The file formats. */
    enum Format {
        ONNX("model.onnx"), SAFETENSORS("export.safetensors");

        final String defaultFile;

        Format(String defaultFile) {
            this.defaultFile = defaultFile;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final FashionContext context;

    @Mixin
    RunOption run;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "What to write: ${COMPLETION-CANDIDATES}.")
    Format format = Format.ONNX;

    @Option(names = "--out", paramLabel = "FILE", showDefaultValue = Visibility.NEVER,
            description = "The file to write, or an existing directory to write model.onnx or export.safetensors into. "
                    + "Default: that file in the run directory.")
    Path out;

    ExportCommand(FashionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        RunDirectory runDir = run.open();
        TrainedModel model = run.loadModel(runDir, context);
        Module network = model.network().orElseThrow(() -> new CommandFailure(runDir.dir() + " holds a model of kind '"
                + model.preset() + "', which is not a network: only networks (mlp, cnn, vgg, resnet, best, "
                + "softmax, svm) export to " + format + "."));
        Path file = OutPaths.file(out, runDir, format.defaultFile);
        List<String> classNames = model.classes().stream().map(FashionMnist.CLASS_NAMES::get).toList();
        if (format == Format.ONNX) {
            Onnx.export(network, new int[] {1, 1, FashionMnist.ROWS, FashionMnist.COLS}, file, classNames,
                    Map.of("preprocessing", PREPROCESSING, "preset", model.preset()));
        } else {
            StateDict.save(network, file);
        }
        context.out().printf(Locale.ROOT, "Wrote %s (%s, %,d bytes): the %s network of %s, %d classes%n", file, format,
                Files.size(file), model.preset(), runDir.dir(), classNames.size());
        if (format == Format.ONNX) {
            context.out().println("Input \"input\" (batch, 1, 28, 28), output \"logits\" (batch, " + classNames.size()
                    + "); class names and preprocessing are in the model's metadata. See docs/deploy.md.");
        }
        return 0;
    }
}
