package dev.myelin.fashion.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C into a request the training loop honours at the next step: the JVM's shutdown hook
 * raises the flag and then holds the JVM until the loop has written its checkpoint and closed this.
 * (The hook waits on a latch, not on the training thread, which may itself call System.exit.)
 */
final class Interrupt implements AutoCloseable {
    private static final long SAVE_GRACE_SECONDS = 60;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "myelin-ctrl-c");

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
            done.await(SAVE_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running; the latch has just released it
        }
    }
}
