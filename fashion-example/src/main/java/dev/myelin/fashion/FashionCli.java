package dev.myelin.fashion;

import dev.myelin.fashion.cli.FashionContext;
import dev.myelin.fashion.cli.FashionCommands;

/**
 * The {@code ./fashion} program, a Fashion-MNIST study: download, explore, train, evaluate, report,
 * predict and compare.
 * Run {@code ./fashion --help} for the commands, and {@code ./fashion COMMAND --help} for their options.
 *
 * <p>Exit codes: 0 success, 1 failure (one clear line on stderr), 2 usage error.
 */
public final class FashionCli {
    private FashionCli() {}

    public static void main(String[] args) {
        // Charts and images are drawn off-screen; no display is needed or wanted.
        System.setProperty("java.awt.headless", "true");
        System.exit(run(FashionContext.standard(), args));
    }

    /** Runs one command line in {@code context}; returns the exit code. */
    public static int run(FashionContext context, String... args) {
        return FashionCommands.commandLine(context).execute(args);
    }
}
