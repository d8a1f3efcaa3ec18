package org.convkit.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the multiply-adds (or, for memory-bound kernels, the elements) a benchmark processed;
 * JMH reports the count per second beside the call rate, so each kernel's arithmetic rate is
 * visible (GMAC/s = this figure / 1e9; GFLOP/s = twice that).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class MacCounter {
    /** Multiply-adds (or elements) done. */
    public long macs;

    /** Resets the count before each iteration. */
    @Setup(Level.Iteration)
    public void reset() {
        macs = 0;
    }
}
