package dev.myelin.fashion.cli;

import dev.myelin.fashion.data.DatasetFile;
import dev.myelin.fashion.data.FashionMnist;
import dev.myelin.fashion.download.Mirrors;
import dev.myelin.fashion.progress.Terminal;
import dev.myelin.fashion.run.ModelLoader;
import dev.myelin.fashion.train.PresetModelLoader;
import dev.myelin.fashion.train.Training;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What the commands take from the world, gathered so that tests can replace any of it: the output
 * streams, the environment, the download mirrors and files, how trained models are loaded, how
 * training runs, whether output is a terminal, and the clock.
 *
 * @param mirrors base addresses tried in order by {@code download}
 * @param datasetFiles the files {@code download} fetches, with their MD5 checksums
 */
public record FashionContext(
        PrintStream out,
        PrintStream err,
        Map<String, String> env,
        List<URI> mirrors,
        List<DatasetFile> datasetFiles,
        ModelLoader modelLoader,
        Trainer trainer,
        boolean interactive,
        Clock clock) {

    /** The real world: standard streams, the process environment, the public mirrors. */
    public static FashionContext standard() {
        return new FashionContext(System.out, System.err, System.getenv(), Mirrors.FASHION_MNIST,
                FashionMnist.FILES, new PresetModelLoader(), Training::run, Terminal.isInteractive(),
                Clock.systemDefaultZone());
    }

    /** Whether the user asked for stack traces with {@code FASHION_DEBUG=1}. */
    public boolean debug() {
        String value = env.get("FASHION_DEBUG");
        return value != null && !value.isBlank() && !value.equals("0");
    }
}
