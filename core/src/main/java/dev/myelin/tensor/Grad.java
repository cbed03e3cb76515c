package dev.myelin.tensor;

/**
 * Switches gradient recording on and off for the current thread, as PyTorch's {@code torch.no_grad()}.
 * Recording is on in every thread until switched off. While it is off, ops compute their results but
 * attach no graph to them (the results are leaves that do not require grad), which saves the memory of
 * saved activations during evaluation and inference. The backward pass itself runs with recording off.
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

    /**
     * Whether ops on this thread record the autograd graph, as {@code torch.is_grad_enabled()}.
     *
     * @return true unless an open {@link #disabled()} scope of this thread switched recording off
     */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /**
     * Turns recording off on this thread until the returned scope is closed; scopes nest, each restoring
     * the state it found.
     *
     * @return the scope to close, best in a try-with-resources statement on the same thread
     */
    public static Scope disabled() {
        boolean previous = ENABLED.get();
        ENABLED.set(Boolean.FALSE);
        return new Scope(previous);
    }

    /**
     * A try-with-resources scope that restores the thread's previous recording state when closed; closing
     * it again does nothing.
     */
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
