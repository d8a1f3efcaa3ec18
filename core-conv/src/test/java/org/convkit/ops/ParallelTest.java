package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thread team: every index once, errors reach the caller, nesting and concurrent callers run inline. */
class ParallelTest {

    @Test
    void runsEveryIndexExactlyOnceOverManyJobs() {
        int before = Parallel.threads();
        try {
            for (int threads : new int[]{1, 2, 3}) {
                Parallel.setThreads(threads);
                assertEquals(threads, Parallel.threads());
                for (int job = 0; job < 2000; job++) {
                    int n = 1 + job % 17;
                    AtomicIntegerArray hits = new AtomicIntegerArray(n);
                    Parallel.forEach(n, hits::incrementAndGet);
                    for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), threads + " threads, job " + job + ", index " + i);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void anErrorInABodyReachesTheCallerAndTheTeamStaysUsable() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            var e = new IllegalStateException("index 5 failed");
            var thrown = assertThrows(IllegalStateException.class, () -> Parallel.forEach(8, i -> {
                if (i == 5) throw e;
            }));
            assertSame(e, thrown);
            AtomicInteger sum = new AtomicInteger();
            Parallel.forEach(8, sum::addAndGet);
            assertEquals(28, sum.get());
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void workStartedInsideAJobIsNotSplitAgain() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            assertFalse(Parallel.inWorker());
            AtomicInteger inner = new AtomicInteger(), inside = new AtomicInteger();
            Parallel.forEach(4, i -> {
                if (Parallel.inWorker()) inside.incrementAndGet();
                Parallel.forEach(3, j -> inner.incrementAndGet());
            });
            assertEquals(4, inside.get());
            assertEquals(12, inner.get());
            assertFalse(Parallel.inWorker());
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void twoCallingThreadsAtOnceBothFinishEveryIndex() throws Exception {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            int jobs = 500;
            long[] totals = new long[2];
            CountDownLatch start = new CountDownLatch(1);
            Thread[] callers = new Thread[2];
            for (int c = 0; c < 2; c++) {
                int id = c;
                callers[c] = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int j = 0; j < jobs; j++) {
                        AtomicInteger s = new AtomicInteger();
                        Parallel.forEach(10, s::addAndGet);
                        totals[id] += s.get();
                    }
                });
                callers[c].start();
            }
            start.countDown();
            for (Thread t : callers) t.join(60_000);
            for (Thread t : callers) assertFalse(t.isAlive());
            assertEquals(45L * jobs, totals[0]);
            assertEquals(45L * jobs, totals[1]);
            assertTrue(Parallel.threads() == 2);
        } finally {
            Parallel.setThreads(before);
        }
    }
}
