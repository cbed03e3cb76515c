package dev.myelin.tensor;

/**
 * Switches gradient recording on and off for the current thread.
 *
 * <pre>{@code
 * try (var scope = Grad.disabled()) {
 *     Tensor logits = model.forward(images);   // no graph is recorded
 * }
 * }</pre>
 */
public final class Grad {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private Grad() {
    }

    /** Whether ops on this thread record the autograd graph. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Turns recording off until the returned scope is closed; scopes nest. */
    public static Scope disabled() {
        boolean previous = ENABLED.get();
        ENABLED.set(Boolean.FALSE);
        return new Scope(previous);
    }

    /** A try-with-resources scope that restores the previous recording state when closed. */
    public static final class Scope implements AutoCloseable {
        private final boolean previous;
        private boolean closed;

        private Scope(boolean previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                ENABLED.set(previous);
                closed = true;
            }
        }
    }
}
