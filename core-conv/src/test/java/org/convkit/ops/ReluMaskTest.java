package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one-bit ReLU record: packing and applying, vector and scalar paths alike. */
class ReluMaskTest {

    @Test
    void applyPassesExactlyTheGradientsOfPositiveOutputs() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : new int[]{1, 15, 63, 64, 65, 200, 1000}) {
            float[] y = new float[n], dy = new float[n];
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(6);
                y[i] = kind == 0 ? 0f : kind == 1 ? -0f : kind == 2 ? Float.NaN : (float) (r.nextDouble() * 2 - 1);
                dy[i] = (float) (r.nextDouble() * 2 - 1);
            }
            long[] bits = new long[(n + 63) / 64];
            ReluMask.pack(y, 0, n, bits);
            // from 0 and from the second word, as the parallel split calls it
            for (int from : new int[]{0, n > 64 ? 64 : 0}) {
                float[] dx = new float[n], expect = new float[n];
                java.util.Arrays.fill(dx, 7f);
                java.util.Arrays.fill(expect, 7f);
                ReluMask.apply(bits, dy, dx, from, n);
                for (int i = from; i < n; i++) expect[i] = y[i] > 0 ? dy[i] : 0f;
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(expect[i]), Float.floatToRawIntBits(dx[i]),
                            "n=" + n + " from=" + from + " element " + i + " (y=" + y[i] + ")");
                }
            }
        }
    }

    @Test
    void packRefusesAStartInsideAWord() {
        assertThrows(IllegalArgumentException.class, () -> ReluMask.pack(new float[100], 3, 100, new long[2]));
    }
}
