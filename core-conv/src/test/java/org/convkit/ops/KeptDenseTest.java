package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.convkit.ops.KernelTestData.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The kept transpose gives {@link Sgemm#nt}'s bits for one or two examples, on any thread count. */
class KeptDenseTest {

    @Test
    void givesTheBitsOfTheThinProductOnAnyShapeAndThreadCount() {
        assumeTrue(Sgemm.VECTOR, "the kept path runs on the Vector API only (KeptDense.applies is false without it)");
        SplittableRandom r = new SplittableRandom(71);
        int before = Parallel.threads();
        try {
            // units on both sides of the vector width; inputs in part, whole and many blocks of KC
            for (int n : new int[] {1, 2, 12, 16, 17, 40, 64}) {
                for (int k : new int[] {1, 100, 128, 129, 600, 4 * 128 * 9 + 5, 26624}) {
                    for (int m = 1; m <= 2; m++) {
                        float[] a = rand(r, m * k), b = rand(r, n * k), start = rand(r, m * n);
                        for (boolean accumulate : new boolean[] {false, true}) {
                            float[] expected = start.clone();
                            Sgemm.nt(m, n, k, a, 0, k, b, 0, k, expected, 0, n, accumulate);
                            for (int threads = 1; threads <= 3; threads += 2) {
                                Parallel.setThreads(threads);
                                float[] got = start.clone();
                                KeptDense.nt(m, n, k, a, 0, k, b, 0, k, new FilterCache(), 1, got, 0, n, accumulate);
                                assertArrayEquals(expected, got, m + " x " + n + " x " + k + ", accumulate " + accumulate
                                        + ", " + threads + " threads");
                            }
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void keepsTheTransposeUntilTheVersionChanges() {
        assumeTrue(Sgemm.VECTOR, "the kept path runs on the Vector API only");
        SplittableRandom r = new SplittableRandom(72);
        int n = 12, k = 1000;
        float[] a = rand(r, k), b = rand(r, n * k), kept = new float[n], fresh = new float[n];
        FilterCache cache = new FilterCache();
        KeptDense.nt(1, n, k, a, 0, k, b, 0, k, cache, 7, kept, 0, n, false);
        float[] old = b.clone();
        b[5 * k + 3] += 1f; // new weights, the same version: the kept transpose is read
        KeptDense.nt(1, n, k, a, 0, k, b, 0, k, cache, 7, kept, 0, n, false);
        Sgemm.nt(1, n, k, a, 0, k, old, 0, k, fresh, 0, n, false);
        assertArrayEquals(fresh, kept, "version 7 kept");
        KeptDense.nt(1, n, k, a, 0, k, b, 0, k, cache, 8, kept, 0, n, false);
        Sgemm.nt(1, n, k, a, 0, k, b, 0, k, fresh, 0, n, false);
        assertArrayEquals(fresh, kept, "version 8 made anew");
    }

    @Test
    void takesOnlyOneOrTwoExamplesOfNarrowLayers() {
        assertFalse(KeptDense.applies(3, 12, 100), "three examples");
        assertFalse(KeptDense.applies(1, KeptDense.MAX_UNITS + 1, 100), "wider than MAX_UNITS");
        assertEquals(Sgemm.VECTOR, KeptDense.applies(1, 12, 26624), "W1's output layer on one example");
        assertThrows(IllegalArgumentException.class,
                () -> KeptDense.nt(3, 12, 10, new float[30], 0, 10, new float[120], 0, 10, new FilterCache(), 1,
                        new float[36], 0, 12, false));
    }
}
