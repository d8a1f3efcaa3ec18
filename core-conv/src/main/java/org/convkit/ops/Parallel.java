package org.convkit.ops;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Splits work over a fixed number of chunks and runs them on a team of threads. The split depends
 * only on the work size, never on the thread count or timing, so a reduction done chunk by chunk
 * in chunk order gives the same bits on 1 or 64 threads.
 *
 * <p>The team is the calling thread plus {@code threads - 1} helpers that, between jobs, spin for
 * a short while ({@link #SPIN_NANOS}) before they park: a single-example forward pass hands the
 * team dozens of sub-millisecond jobs in a row, and waking a parked thread for each cost more
 * than the job (measured on this project's virtual machine: a fork-join pool's wake-ups made
 * batch-1 latency jitter by several milliseconds). Jobs are indices taken in turn from a shared
 * counter; the work of an index must not depend on which thread runs it (each thread has its own
 * {@link #workspace()}). A second thread that calls while the team is busy, or a call from
 * inside a job, runs its indices itself, in order.
 */
public final class Parallel {
    /** Chunks a batch is split into for reductions (weight gradients). */
    public static final int CHUNKS = 8;
    /** How long an idle helper spins before it parks. */
    static final long SPIN_NANOS = 200_000;
    /** How long the calling thread spins for helpers to finish before it yields between checks. */
    static final long WAIT_SPIN_NANOS = 2_000_000;

    private static volatile Team team = new Team(Runtime.getRuntime().availableProcessors());
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Parallel() {
    }

    /** Sets the number of threads, the calling one included (default: the number of cores). */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        Team old = team;
        team = new Team(threads);
        old.shutdown();
    }

    /** The number of threads work is spread over. */
    public static int threads() {
        return team.size;
    }

    /** Whether the calling thread is running part of a job (work it starts is not split again). */
    public static boolean inWorker() {
        return team.inside();
    }

    /** The calling thread's scratch workspace. */
    public static Workspace workspace() {
        return WORKSPACE.get();
    }

    /** Runs {@code body(i)} for {@code i in [0, n)} over the team; returns when all are done. */
    public static void forEach(int n, IntConsumer body) {
        if (n <= 0) return;
        Team t = team;
        if (n == 1 || t.size == 1 || t.inside() || !t.run(n, body)) {
            for (int i = 0; i < n; i++) body.accept(i);
        }
    }

    /** A body over a range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes {@code [from, to)}. */
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, size)} split into contiguous ranges on the team, for
     * element-wise work where each element's result does not depend on the split. Small sizes
     * run on the calling thread.
     */
    public static void forRange(int size, RangeBody body) {
        int parts = (int) Math.min(4L * threads(), size / 65_536L);
        if (parts <= 1 || inWorker()) {
            body.run(0, size);
            return;
        }
        forEach(parts, c -> body.run(chunkStart(size, parts, c), chunkStart(size, parts, c + 1)));
    }

    /** Start of chunk {@code c} of {@code chunks} over {@code [0, n)}. */
    public static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    /** One call of {@link #forEach}: indices handed out in turn, a count of those finished. */
    private static final class Job {
        final IntConsumer body;
        final int n;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable error;

        Job(IntConsumer body, int n) {
            this.body = body;
            this.n = n;
        }

        void work() {
            for (int i; (i = next.getAndIncrement()) < n; ) {
                try {
                    if (error == null) body.accept(i);
                } catch (Throwable e) {
                    if (error == null) error = e;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private static final class Team {
        final int size;
        final Helper[] helpers;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile Thread driver;
        volatile Job current;
        volatile boolean shutdown;

        Team(int size) {
            this.size = size;
            helpers = new Helper[size - 1];
            for (int i = 0; i < helpers.length; i++) {
                helpers[i] = new Helper(this, i + 1);
                helpers[i].start();
            }
        }

        boolean inside() {
            Thread t = Thread.currentThread();
            return t == driver || t instanceof Helper h && h.team == this;
        }

        /** Runs the job with the helpers; false if another thread's job is running. */
        boolean run(int n, IntConsumer body) {
            if (!busy.compareAndSet(false, true)) return false;
            Job job = new Job(body, n);
            try {
                driver = Thread.currentThread();
                current = job;
                for (Helper h : helpers) if (h.parked) LockSupport.unpark(h);
                job.work();
                // the last indices may still be running on helpers: spin, then yield the core. A
                // timed park would oversleep by tens of microseconds on each short job.
                long start = System.nanoTime();
                while (job.done.get() < n) {
                    if (System.nanoTime() - start < WAIT_SPIN_NANOS) Thread.onSpinWait();
                    else Thread.yield();
                }
            } finally {
                current = null;
                driver = null;
                busy.set(false);
            }
            Throwable e = job.error;
            if (e instanceof RuntimeException r) throw r;
            if (e instanceof Error err) throw err;
            if (e != null) throw new IllegalStateException(e);
            return true;
        }

        void shutdown() {
            shutdown = true;
            for (Helper h : helpers) LockSupport.unpark(h);
        }
    }

    private static final class Helper extends Thread {
        final Team team;
        volatile boolean parked;

        Helper(Team team, int index) {
            super("convkit-" + index);
            this.team = team;
            setDaemon(true);
        }

        @Override
        public void run() {
            Job seen = null;
            long idleSince = System.nanoTime();
            while (!team.shutdown) {
                Job j = team.current;
                if (j != null && j != seen) {
                    seen = j;
                    j.work();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    // a job published after this check finds parked set and unparks us
                    Job now = team.current;
                    if ((now == null || now == seen) && !team.shutdown) LockSupport.park(this);
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
