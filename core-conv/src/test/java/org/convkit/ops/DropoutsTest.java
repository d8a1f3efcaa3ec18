package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutsTest {

    @Test
    void theIntegerThresholdDecidesExactlyAsTheUniformDrawWould() {
        SplittableRandom r = new SplittableRandom(4);
        for (double rate : new double[] {0.1, 0.25, 0.3f, 0.5, 1.0 / 3, 0.9}) {
            long t = Dropouts.threshold(rate);
            for (int k = 0; k < 20_000; k++) {
                long base = r.nextLong();
                long u = Dropouts.draw(base, k);
                assertEquals(u * 0x1.0p-53 < rate, u < t, "rate " + rate);
            }
            // the boundary itself: the largest dropped and smallest kept draws
            assertTrue((t - 1) * 0x1.0p-53 < rate && !(t * 0x1.0p-53 < rate), "rate " + rate);
        }
    }

    @Test
    void vectorAndScalarPathsDrawTheSameMaskAtAnyOffsetAndLength() {
        SplittableRandom r = new SplittableRandom(8);
        for (int n : new int[] {0, 1, 7, 8, 9, 63, 64, 1001}) {
            for (int from : new int[] {0, 3, 8}) {
                float[] x = new float[from + n];
                for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
                long base = r.nextLong(), t = Dropouts.threshold(0.5);
                float[] y1 = new float[x.length], m1 = new float[x.length], y2 = new float[x.length], m2 = new float[x.length];
                Dropouts.mask(base, t, 2f, x, y1, m1, from, from + n);
                Dropouts.apply(base, t, 2f, x, y2, m2, from, from + n);
                assertArrayEquals(m1, m2, "n " + n + " from " + from);
                assertArrayEquals(y1, y2, "n " + n + " from " + from);
            }
        }
    }

    @Test
    void aboutRateOfTheElementsAreDropped() {
        float[] x = new float[100_000], y = new float[x.length], m = new float[x.length];
        java.util.Arrays.fill(x, 1f);
        Dropouts.apply(12345L, Dropouts.threshold(0.3), 1f / 0.7f, x, y, m, 0, x.length);
        int dropped = 0;
        for (float v : m) if (v == 0f) dropped++;
        // Bernoulli(0.3) over 100,000: sd ~145; 5 sd either side
        assertTrue(Math.abs(dropped - 30_000) < 725, "dropped " + dropped);
    }
}
