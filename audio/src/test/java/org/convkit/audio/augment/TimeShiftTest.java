package org.convkit.audio.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeShiftTest {

    private static float[] counting(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    @Test
    void shiftsWithZeroFillKeepingLength() {
        float[] x = {1, 2, 3, 4, 5};
        float[] out = new float[5];
        TimeShift.shift(x, out, 2);
        assertArrayEquals(new float[] {0, 0, 1, 2, 3}, out);
        TimeShift.shift(x, out, -2);
        assertArrayEquals(new float[] {3, 4, 5, 0, 0}, out);
        TimeShift.shift(x, out, 7);
        assertArrayEquals(new float[5], out);
        float[] inPlace = x.clone();
        TimeShift.shift(inPlace, inPlace, 1);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4}, inPlace);
    }

    @Test
    void randomShiftIsDeterministicGivenASeedAndBounded() {
        TimeShift ts = TimeShift.ofMillis(100, 16000);
        assertEquals(1600, ts.maxShiftSamples());
        float[] x = counting(16000);
        float[] a = new float[16000];
        float[] b = new float[16000];
        int seen = 0;
        for (long seed = 0; seed < 200; seed++) {
            int sa = ts.apply(x, a, new SplittableRandom(seed));
            int sb = ts.apply(x, b, new SplittableRandom(seed));
            assertEquals(sa, sb);
            assertArrayEquals(a, b);
            assertTrue(Math.abs(sa) <= 1600);
            assertEquals(16000, a.length);
            // The content really moved by sa: sample i holds x[i - sa] = i - sa + 1 where it exists.
            int probe = 8000;
            assertEquals(probe - sa + 1, a[probe]);
            seen |= sa < 0 ? 1 : sa > 0 ? 2 : 0;
        }
        assertEquals(3, seen, "both directions occur");
    }
}
