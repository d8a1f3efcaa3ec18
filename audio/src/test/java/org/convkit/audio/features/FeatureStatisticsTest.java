package org.convkit.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FeatureStatisticsTest {

    @Test
    void accumulatorMatchesTwoPassMeanAndPopulationStd() {
        // Two coefficients over 5 frames, values chosen by hand:
        // c0 = 1, 2, 3, 4, 5 -> mean 3, population variance (4+1+0+1+4)/5 = 2
        // c1 = 10 in every frame -> mean 10, std 0 raised to the floor 1e-3
        float[] a = {1, 10, 2, 10, 3, 10};
        float[] b = {4, 10, 5, 10};
        FeatureStatistics.Accumulator acc = FeatureStatistics.accumulator(2);
        acc.add(a, 0, 3);
        acc.add(b, 0, 2);
        FeatureStatistics st = acc.toStatistics(1e-3);
        assertEquals(5, acc.frames());
        assertEquals(3.0, st.mean()[0], 1e-12);
        assertEquals(Math.sqrt(2.0), st.std()[0], 1e-12);
        assertEquals(10.0, st.mean()[1], 1e-12);
        assertEquals(1e-3, st.std()[1], 0.0);
    }

    @Test
    void rejectsZeroStdAndNonFiniteFeatures() {
        assertThrows(IllegalArgumentException.class,
                () -> new FeatureStatistics(new double[] {0}, new double[] {0}));
        FeatureStatistics.Accumulator acc = FeatureStatistics.accumulator(1);
        assertThrows(IllegalArgumentException.class, () -> acc.add(new float[] {Float.NaN}, 0, 1));
    }
}
