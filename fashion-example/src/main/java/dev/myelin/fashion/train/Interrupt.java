package dev.myelin.fashion.train;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C into a request the training loop honours at the next step: the JVM's shutdown hook
 * raises the flag and then waits for the loop to write its checkpoint before the JVM exits.
 */
final class Interrupt implements AutoCloseable {
    private static final long SAVE_GRACE_MILLIS = 60_000;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final Thread trainer = Thread.currentThread();
    private final Thread hook = new Thread(this::onShutdown, "myelin-ctrl-c");
    private volatile boolean finished;

    Interrupt() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether Ctrl-C was pressed. */
    boolean requested() {
        return requested.get();
    }

    private void onShutdown() {
        requested.set(true);
        try {
            if (!finished) {
                trainer.join(SAVE_GRACE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        finished = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it is waiting for us to return, which we now do
        }
    }
}
