package dev.myelin.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * A fixed team of worker threads that wait for parallel loops by spinning before they sleep, in the
 * manner of an OpenMP runtime. A training step runs a few hundred short loops back to back (a GEMM
 * panel lasts tens of microseconds); handing each one to a parked ForkJoinPool worker cost 25-40 us
 * of wake-up per loop, measured on this project's 2-core machines, which is more than many loops'
 * work. A worker that has just finished a loop is still spinning when the next one is published,
 * and picks it up within a fraction of a microsecond. It parks after {@link #SPIN_NANOS} without
 * work, so an idle library costs no CPU.
 *
 * <p>One loop runs at a time: a second thread that calls while the team is busy runs its loop
 * inline, which gives the same results because chunks are independent outputs.
 */
final class ThreadTeam {
    /**
     * How long an idle worker spins before it parks: longer than the serial gaps inside a training
     * step. 50 us, 200 us and 2 ms measured alike on the reference CNN's step.
     */
    private static final long SPIN_NANOS = 200_000;

    private final Thread[] workers;
    private final ReentrantLock busy = new ReentrantLock();
    /** Set to a worker's flag before it parks, so that the caller knows whom to wake. */
    private final boolean[] parked;
    private volatile boolean stopped;
    /** The latest loop; a worker runs each loop it sees at most once, by identity. */
    private volatile Job job;

    /** One parallel loop: its body and split, and how many workers' chunks are still running. */
    private static final class Job {
        IntConsumer body; // cleared when the loop ends, so that the team does not keep its arrays alive
        final int count;
        final int chunks;
        final AtomicInteger pending;
        volatile Throwable failure;

        Job(IntConsumer body, int count, int chunks) {
            this.body = body;
            this.count = count;
            this.chunks = chunks;
            this.pending = new AtomicInteger(chunks - 1);
        }
    }

    /** A team of {@code size - 1} workers: the calling thread is always the first member. */
    ThreadTeam(int size) {
        workers = new Thread[size - 1];
        parked = new boolean[size - 1];
        for (int w = 0; w < workers.length; w++) {
            int member = w + 1;
            Thread t = new Thread(() -> work(member), "myelin-worker-" + member);
            t.setDaemon(true);
            workers[w] = t;
        }
        for (Thread t : workers) {
            t.start();
        }
    }

    /** The number of threads that run a loop: the workers and the caller. */
    int size() {
        return workers.length + 1;
    }

    /**
     * Runs {@code body} over {@code [0, count)} split into {@code min(size, count)} contiguous chunks,
     * the caller taking chunk 0. Returns false, having run nothing, when another loop holds the team.
     */
    boolean tryRun(int count, IntConsumer body) {
        if (!busy.tryLock()) {
            return false;
        }
        try {
            int n = Math.min(size(), count);
            Job current = new Job(body, count, n);
            job = current; // publishes the loop
            for (int w = 0; w < n - 1; w++) {
                if (readParked(w)) {
                    LockSupport.unpark(workers[w]);
                }
            }
            Throwable own = null;
            try {
                Parallel.runChunk(body, count, n, 0);
            } catch (Throwable t) {
                own = t;
            }
            awaitWorkers(current); // even after a failure: the workers may still be writing shared outputs
            Throwable thrown = own != null ? own : current.failure;
            current.body = null;
            if (thrown != null) {
                throwUnchecked(thrown);
            }
            return true;
        } finally {
            busy.unlock();
        }
    }

    private static void awaitWorkers(Job current) {
        int spins = 0;
        while (current.pending.get() > 0) {
            if (++spins < 1 << 16) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // a long chunk: let other threads of this machine run meanwhile
            }
        }
    }

    private void work(int member) {
        Job seen = null;
        while (true) {
            Job current = awaitJob(member, seen);
            if (current == null) {
                return;
            }
            seen = current;
            if (member < current.chunks) {
                try {
                    Parallel.runChunk(current.body, current.count, current.chunks, member);
                } catch (Throwable t) {
                    current.failure = t;
                }
                current.pending.decrementAndGet();
            }
        }
    }

    /** Spins, then parks, until a loop other than {@code seen} is published; null once the team is stopped. */
    private Job awaitJob(int member, Job seen) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        int spins = 0;
        while (true) {
            if (stopped) {
                return null;
            }
            Job current = job;
            if (current != seen) {
                return current;
            }
            if ((++spins & 0xff) != 0) {
                Thread.onSpinWait();
                continue;
            }
            if (System.nanoTime() < spinUntil) {
                Thread.yield(); // gives the core away if more threads than cores want it
                continue;
            }
            // Raise the flag, then look again: either this thread sees the new loop, or the caller,
            // which publishes the loop before it reads the flags, sees the flag and unparks it.
            writeParked(member - 1, true);
            if (job == seen && !stopped) {
                LockSupport.park(this);
            }
            writeParked(member - 1, false);
            spinUntil = System.nanoTime() + SPIN_NANOS;
        }
    }

    private boolean readParked(int w) {
        synchronized (parked) {
            return parked[w];
        }
    }

    private void writeParked(int w, boolean value) {
        synchronized (parked) {
            parked[w] = value;
        }
    }

    /** Lets the workers end; a loop in progress finishes first. */
    void stop() {
        stopped = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
    }

    private static void throwUnchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t); // unreachable: an IntConsumer throws nothing checked
    }
}
