package org.convkit.audio.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpecAugmentTest {

    private static float[] ones(int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, 1f);
        return x;
    }

    @Test
    void masksAreContiguousBandsAndFrameRangesWithinTheBounds() {
        // One frequency mask (F = 8) and one time mask (T = 20) on 101 x 40 ones.
        SpecAugment sa = new SpecAugment(new SpecAugmentSettings(8, 1, 20, 1, 1.0, SpecAugmentSettings.MaskFill.ZERO));
        for (long seed = 0; seed < 100; seed++) {
            float[] m = ones(101 * 40);
            sa.apply(m, 0, 101, 40, new SplittableRandom(seed));
            SplittableRandom replay = new SplittableRandom(seed);
            int f = replay.nextInt(9);
            int f0 = replay.nextInt(40 - f + 1);
            int t = replay.nextInt(21);
            int t0 = replay.nextInt(101 - t + 1);
            for (int ti = 0; ti < 101; ti++) {
                for (int c = 0; c < 40; c++) {
                    boolean masked = (c >= f0 && c < f0 + f) || (ti >= t0 && ti < t0 + t);
                    assertEquals(masked ? 0f : 1f, m[ti * 40 + c], "seed " + seed + " t " + ti + " c " + c);
                }
            }
        }
    }

    @Test
    void deterministicGivenASeedAndKeepsShape() {
        SpecAugment sa = new SpecAugment(new SpecAugmentSettings(7, 2, 10, 2, 0.2, SpecAugmentSettings.MaskFill.MEAN));
        float[] base = new float[101 * 40];
        for (int i = 0; i < base.length; i++) {
            base[i] = (float) Math.sin(i);
        }
        float[] a = base.clone();
        float[] b = base.clone();
        sa.apply(a, 0, 101, 40, new SplittableRandom(11));
        sa.apply(b, 0, 101, 40, new SplittableRandom(11));
        assertArrayEquals(a, b);
        assertEquals(base.length, a.length);
    }

    @Test
    void timeMaskIsLimitedByTheFractionOfFrames() {
        // p = 0.05 of 101 frames -> at most 5 frames even though T = 50.
        SpecAugment sa = new SpecAugment(new SpecAugmentSettings(0, 0, 50, 1, 0.05, SpecAugmentSettings.MaskFill.ZERO));
        for (long seed = 0; seed < 200; seed++) {
            float[] m = ones(101 * 3);
            sa.apply(m, 0, 101, 3, new SplittableRandom(seed));
            int zeros = 0;
            for (float v : m) {
                zeros += v == 0f ? 1 : 0;
            }
            assertTrue(zeros <= 5 * 3, "seed " + seed + ": " + zeros);
        }
    }

    @Test
    void meanFillUsesTheMatrixMean() {
        SpecAugment sa = new SpecAugment(new SpecAugmentSettings(40, 1, 0, 0, 1.0, SpecAugmentSettings.MaskFill.MEAN));
        float[] m = new float[10 * 40];
        for (int i = 0; i < m.length; i++) {
            m[i] = i % 2 == 0 ? 2f : 4f; // mean 3
        }
        sa.apply(m, 0, 10, 40, new SplittableRandom(5));
        for (float v : m) {
            assertTrue(v == 2f || v == 4f || v == 3f);
        }
    }

    @Test
    void rejectsNegativeParametersNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpecAugmentSettings(-1, 1, 1, 1, 1.0, SpecAugmentSettings.MaskFill.ZERO));
        assertTrue(e.getMessage().contains("frequencyMaskWidth"));
    }
}
