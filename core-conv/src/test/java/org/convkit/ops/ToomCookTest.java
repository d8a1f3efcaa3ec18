package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Toom-Cook matrices: exact correlation in exact arithmetic, and Lavin and Gray's F(4, 3) where they coincide. */
class ToomCookTest {

    @Test
    void everyMatrixSetComputesTheCorrelation() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int m = 1; m <= 6; m++) {
            for (int r = 1; m + r - 1 <= ToomCook.MAX_N; r++) {
                ToomCook f = new ToomCook(m, r);
                for (int trial = 0; trial < 20; trial++) {
                    double[] d = new double[f.n], g = new double[r];
                    for (int i = 0; i < f.n; i++) d[i] = rnd.nextDouble() * 2 - 1;
                    for (int i = 0; i < r; i++) g[i] = rnd.nextDouble() * 2 - 1;
                    double[] prod = new double[f.n];
                    for (int t = 0; t < f.n; t++) {
                        double gt = 0, dt = 0;
                        for (int k = 0; k < r; k++) gt += f.g[t * r + k] * g[k];
                        for (int j = 0; j < f.n; j++) dt += f.bt[t * f.n + j] * d[j];
                        prod[t] = gt * dt;
                    }
                    for (int i = 0; i < m; i++) {
                        double y = 0, direct = 0;
                        for (int t = 0; t < f.n; t++) y += f.at[i * f.n + t] * prod[t];
                        for (int k = 0; k < r; k++) direct += g[k] * d[i + k];
                        // the only error is the float rounding of the matrices' fractions (1/3, 1/6, 1/9, ...)
                        assertEquals(direct, y, 2e-6, "F(" + m + ", " + r + ") output " + i);
                    }
                }
            }
        }
    }

    @Test
    void fourThreeHasLavinAndGraysOutputMatrixAndInputRowForInfinity() {
        ToomCook f = new ToomCook(4, 3);
        assertEquals(6, f.n);
        assertArrayEquals(new float[]{1, 1, 1, 1, 1, 0, 0, 1, -1, 2, -2, 0, 0, 1, 1, 4, 4, 0, 0, 1, -1, 8, -8, 1}, f.at);
        // Lavin and Gray scale B^T's other rows by 4, 6, 6, 24, 24 and put the reciprocals in G
        assertArrayEquals(new float[]{0, 4, 0, -5, 0, 1}, java.util.Arrays.copyOfRange(f.bt, 30, 36));
        assertArrayEquals(new float[]{1, 0, -1.25f, 0, 0.25f, 0}, java.util.Arrays.copyOfRange(f.bt, 0, 6));
        assertArrayEquals(new float[]{1, 0, 0, 1, 1, 1, 1, -1, 1, 1, 2, 4, 1, -2, 4, 0, 0, 1}, f.g);
    }

    @Test
    void refusesMoreOutputsAndTapsThanItHasPointsFor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ToomCook(4, 6));
        assertEquals("F(4, 6) needs 9 points; at most 8 are defined", e.getMessage());
    }
}
