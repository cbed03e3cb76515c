package dev.myelin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The cases of the argument-check tests ({@code LayerArgumentsTest}, {@code TensorArgumentsTest},
 * {@code OptimizerArgumentsTest}): a call that must be refused, the exception and the words its message
 * must hold.
 */
public final class BadArguments {
    private BadArguments() {}

    /** A call refused with an IllegalArgumentException whose message holds {@code message}. */
    public static Arguments refused(String message, Executable call) {
        return Arguments.of(message, IllegalArgumentException.class, call);
    }

    /** A call refused with a NullPointerException whose message holds {@code message} (the argument's name). */
    public static Arguments nullRefused(String message, Executable call) {
        return Arguments.of(message, NullPointerException.class, call);
    }

    /** Checks one case made by {@link #refused} or {@link #nullRefused}. */
    public static void assertRefused(String message, Class<? extends Throwable> type, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(message), "expected '" + message + "', got: "
                + e.getMessage());
    }
}
