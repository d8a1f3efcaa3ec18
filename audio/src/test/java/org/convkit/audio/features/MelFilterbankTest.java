package org.convkit.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MelFilterbankTest {

    /** Weights are computed in double from the same formulas, so only rounding differs. */
    private static final double WEIGHT_TOLERANCE = 1e-12;

    static FeatureSettings htkReferenceSettings() {
        return new FeatureSettings(16000, 512, 400, 160, FramePadding.REFLECT, 0.0, 8000.0, 26, 13,
                MelScale.HTK, FilterbankNormalisation.NONE, SpectrumType.MAGNITUDE,
                LogCompression.DECIBEL, 1e-6, 1e-5, 0.0, DctNormalisation.NONE, FeatureNormalisation.NONE);
    }

    @Test
    void melScalesMatchTextbookValues() {
        double[] hz = {20, 1000, 4000};
        for (int i = 0; i < hz.length; i++) {
            assertEquals(NumpyReference.SLANEY_MEL_20_1000_4000[i], MelScale.SLANEY.hzToMel(hz[i]), 1e-12);
            assertEquals(NumpyReference.HTK_MEL_20_1000_4000[i], MelScale.HTK.hzToMel(hz[i]), 1e-9);
            assertEquals(hz[i], MelScale.SLANEY.melToHz(MelScale.SLANEY.hzToMel(hz[i])), 1e-9);
            assertEquals(hz[i], MelScale.HTK.melToHz(MelScale.HTK.hzToMel(hz[i])), 1e-9);
        }
        // Slaney: 1 kHz is exactly 15 mel; HTK: 1 kHz is (nearly) 1000 mel by construction.
        assertEquals(15.0, MelScale.SLANEY.hzToMel(1000), 1e-12);
        assertEquals(1000.0, MelScale.HTK.hzToMel(1000), 0.02);
    }

    @Test
    void slaneyNormalisedWeightsMatchNumpy() {
        assertRowsMatch(new MelFilterbank(FeatureSettings.defaults()), NumpyReference.DEFAULT_FILTER_ROWS);
    }

    @Test
    void htkUnnormalisedWeightsMatchNumpy() {
        assertRowsMatch(new MelFilterbank(htkReferenceSettings()), NumpyReference.HTK_FILTER_ROWS);
    }

    @Test
    void unnormalisedTrianglesPeakAtOneAndSlaneyAreasAreEqual() {
        FeatureSettings s = FeatureSettings.defaults();
        MelFilterbank slaney = new MelFilterbank(s);
        MelFilterbank plain = new MelFilterbank(s.withFilterbankNormalisation(FilterbankNormalisation.NONE));
        double[] f = plain.edgeFrequencies();
        for (int m = 0; m < plain.bands(); m++) {
            double ratio = Double.NaN;
            for (int k = 0; k < plain.bins(); k++) {
                assertEquals(true, plain.weight(m, k) <= 1.0);
                if (plain.weight(m, k) > 0) {
                    ratio = slaney.weight(m, k) / plain.weight(m, k);
                }
            }
            // Slaney scaling is exactly 2 / (f[m+2] - f[m]) on every weight of the filter.
            assertEquals(2.0 / (f[m + 2] - f[m]), ratio, 1e-12 * ratio);
        }
    }

    private static void assertRowsMatch(MelFilterbank fb, double[][] rows) {
        for (double[] row : rows) {
            int band = (int) row[0];
            int first = (int) row[1];
            int last = first + row.length - 3;
            for (int k = 0; k < fb.bins(); k++) {
                double expected = k >= first && k <= last ? row[2 + k - first] : 0.0;
                assertEquals(expected, fb.weight(band, k), WEIGHT_TOLERANCE,
                        "band " + band + " bin " + k);
            }
        }
    }
}
