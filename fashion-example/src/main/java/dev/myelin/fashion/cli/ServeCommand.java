package dev.myelin.fashion.cli;

import dev.myelin.fashion.api.FashionClassifier;
import dev.myelin.fashion.serve.PredictionService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./fashion serve}: a trained model behind HTTP, with a page to try it in a browser. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        showDefaultValues = true, sortOptions = false,
        header = "Serve a trained model over HTTP, with a page to try it in a browser.",
        description = {
            "GET / is a page where you upload, drop or draw a picture and see the top three classes and "
                    + "the saliency map. POST /predict takes a picture (PNG, JPEG, GIF, BMP) or JSON "
                    + "{\"pixels\": [784 numbers in 0..1]} and answers JSON: the top classes with their "
                    + "probabilities and the time taken (?top=K, ?invert=true for a dark garment on a light "
                    + "background, ?saliency=true to add the saliency map). GET /health says the service is up. "
                    + "Bodies over 5 MB, pictures over 4,096 pixels a side, non-pictures and wrong JSON get "
                    + "400 with a JSON error. Stop with Ctrl-C.",
            "",
            "  ./fashion serve --run runs/cnn",
            "  curl --data-binary @shoe.png 'http://127.0.0.1:8080/predict?invert=true'",
            ""
        })
final class ServeCommand implements Callable<Integer> {
    private final FashionContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    RunOption run;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on. The default answers this machine only; 0.0.0.0 opens the "
                    + "service to the network.")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port to listen on (0: any free port).")
    int port;

    @Option(names = "--threads", paramLabel = "N",
            description = "Requests served at once (more wait in a bounded queue). Default: one per available processor.")
    Integer threads;

    ServeCommand(FashionContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535, not " + port);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, not " + workers);
        }
        var dir = run.open();
        FashionClassifier classifier = FashionClassifier.load(dir.dir(), workers, context.modelLoader());
        classifier.weightsWarning().ifPresent(context.err()::println);
        warmUp(classifier);
        CountDownLatch stopped = new CountDownLatch(1);
        try (PredictionService service = PredictionService.start(classifier, dir.name(), host, port, workers)) {
            var address = service.address();
            context.out().printf("Serving %s (%s) at http://%s:%d/ with %d worker threads. Ctrl-C stops it.%n",
                    dir.dir(), classifier.preset(), address.getHostString(), address.getPort(), workers);
            Thread hook = new Thread(() -> {
                service.close();
                stopped.countDown();
            }, "serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stopped.await(); // until Ctrl-C, or until the thread is interrupted (a program embedding the command)
            } catch (InterruptedException e) {
                Runtime.getRuntime().removeShutdownHook(hook);
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    /**
     * A few predictions before the first request, so that the JIT has compiled the forward and backward
     * passes: otherwise the first visitor of a resnet waits about a second, and the next ones 0.3 s.
     */
    private static void warmUp(FashionClassifier classifier) {
        float[] blank = new float[28 * 28];
        for (int i = 0; i < 30; i++) {
            classifier.probabilities(blank);
            if (i % 5 == 0 && classifier.saliencyUnavailable().isEmpty()) {
                classifier.saliency(blank, 0);
            }
        }
    }
}
