package dev.myelin.fashion.progress;

import java.io.Console;

/** Facts about the terminal the program writes to. */
public final class Terminal {
    private Terminal() {}

    /**
     * Whether standard output is an interactive terminal, where a line can be redrawn with a carriage
     * return. Since JDK 22 {@code System.console()} is non-null even when output is redirected, so
     * {@link Console#isTerminal()} decides.
     */
    public static boolean isInteractive() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }
}
