package org.convkit.ops;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Splits work over a fixed number of chunks and runs them on a shared pool. The split depends
 * only on the work size, never on the thread count or timing, so a reduction done chunk by chunk
 * in chunk order gives the same bits on 1 or 64 threads.
 */
public final class Parallel {
    /** Chunks a batch is split into for reductions (weight gradients). */
    public static final int CHUNKS = 8;

    private static volatile ForkJoinPool pool = newPool(Runtime.getRuntime().availableProcessors());
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private Parallel() {
    }

    /** Sets the number of worker threads (default: the number of cores). */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        ForkJoinPool old = pool;
        pool = newPool(threads);
        old.shutdown();
    }

    /** The number of worker threads. */
    public static int threads() {
        return pool.getParallelism();
    }

    /** Whether the calling thread is one of the pool's workers (work it starts is not split again). */
    public static boolean inWorker() {
        return Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread w && w.getPool() == pool;
    }

    /** The calling thread's scratch workspace. */
    public static Workspace workspace() {
        return WORKSPACE.get();
    }

    /** Runs {@code body(i)} for {@code i in [0, n)} on the pool; returns when all are done. */
    public static void forEach(int n, IntConsumer body) {
        if (n <= 0) return;
        if (n == 1 || pool.getParallelism() == 1) {
            for (int i = 0; i < n; i++) body.accept(i);
            return;
        }
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    /** A body over a range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes {@code [from, to)}. */
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, size)} split into contiguous ranges on the pool, for
     * element-wise work where each element's result does not depend on the split. Small sizes
     * run on the calling thread.
     */
    public static void forRange(int size, RangeBody body) {
        int parts = (int) Math.min(4L * pool.getParallelism(), size / 65_536L);
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

    private static ForkJoinPool newPool(int threads) {
        return new ForkJoinPool(threads, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setDaemon(true);
            t.setName("convkit-" + t.getPoolIndex());
            return t;
        }, null, false);
    }
}
