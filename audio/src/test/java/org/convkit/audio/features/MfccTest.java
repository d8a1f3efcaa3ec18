package org.convkit.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * MFCC frames against the float64 numpy reference. The orthonormal DCT preserves the error norm
 * of the log-mel input (see {@link LogMelSpectrogramTest} for its derivation), so the log-mel
 * tolerances carry over; the unnormalised DCT (2 x sum over 26 bands) can amplify an error up to
 * 52-fold, so the HTK configuration gets 1e-3 (measured: 2.9e-5).
 */
class MfccTest {

    @Test
    void defaultMfccMatchesNumpy() {
        LogMelSpectrogramTest.assertFramesMatch(new Mfcc(FeatureSettings.defaults()),
                NumpyReference.DEFAULT_MFCC_FRAMES, NumpyReference.DEFAULT_MFCC, LogMelSpectrogramTest.LN_TOLERANCE);
    }

    @Test
    void librosaCompatibleMfccMatchesNumpy() {
        LogMelSpectrogramTest.assertFramesMatch(new Mfcc(FeatureSettings.librosa(16000, 512, 160, 40, 20, 20, 4000)),
                NumpyReference.LIBROSA_MFCC_FRAMES, NumpyReference.LIBROSA_MFCC, LogMelSpectrogramTest.DB_TOLERANCE);
    }

    @Test
    void htkUnnormalisedDctMatchesNumpy() {
        LogMelSpectrogramTest.assertFramesMatch(new Mfcc(MelFilterbankTest.htkReferenceSettings()),
                NumpyReference.HTK_MFCC_FRAMES, NumpyReference.HTK_MFCC, 1e-3);
    }

    @Test
    void perUtteranceNormalisationMatchesNumpyAndHasZeroMeanUnitVariance() {
        Mfcc mfcc = new Mfcc(FeatureSettings.defaults().withNormalisation(FeatureNormalisation.PER_UTTERANCE));
        float[] out = LogMelSpectrogramTest.assertFramesMatch(mfcc, NumpyReference.DEFAULT_MFCC_PER_UTTERANCE_FRAMES,
                NumpyReference.DEFAULT_MFCC_PER_UTTERANCE, 1e-4);
        for (int c = 0; c < 40; c++) {
            double sum = 0;
            double sq = 0;
            for (int t = 0; t < 101; t++) {
                sum += out[t * 40 + c];
                sq += out[t * 40 + c] * (double) out[t * 40 + c];
            }
            assertEquals(0.0, sum / 101, 1e-5);
            assertEquals(1.0, sq / 101, 1e-4);
        }
    }

    @Test
    void globalNormalisationSubtractsMeanAndDividesByStd() {
        FeatureSettings plain = FeatureSettings.defaults().withBands(40, 13);
        float[] x = TestSignals.referenceSignal();
        float[] raw = new Mfcc(plain).extract(x).toArray();
        double[] mean = new double[13];
        double[] std = new double[13];
        for (int c = 0; c < 13; c++) {
            mean[c] = c - 6.5;
            std[c] = 0.5 + c;
        }
        Mfcc global = new Mfcc(plain.withNormalisation(FeatureNormalisation.GLOBAL), new FeatureStatistics(mean, std));
        float[] out = global.extract(x).toArray();
        for (int i = 0; i < out.length; i++) {
            int c = i % 13;
            assertEquals((raw[i] - mean[c]) / std[c], out[i], 1e-6);
        }
    }

    @Test
    void globalNormalisationRequiresMatchingStatistics() {
        FeatureSettings g = FeatureSettings.defaults().withNormalisation(FeatureNormalisation.GLOBAL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Mfcc(g));
        assertTrue(e.getMessage().contains("GLOBAL"), e.getMessage());
        FeatureStatistics three = new FeatureStatistics(new double[3], new double[] {1, 1, 1});
        e = assertThrows(IllegalArgumentException.class, () -> new Mfcc(g, three));
        assertTrue(e.getMessage().contains("expected 40"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Mfcc(FeatureSettings.defaults(), three));
    }

    @Test
    void fewerCepstraAreTheLeadingCoefficientsOfMore() {
        float[] x = TestSignals.referenceSignal();
        float[] all = new Mfcc(FeatureSettings.defaults()).extract(x).toArray();
        float[] some = new Mfcc(FeatureSettings.defaults().withBands(40, 13)).extract(x).toArray();
        for (int t = 0; t < 101; t++) {
            for (int c = 0; c < 13; c++) {
                assertEquals(all[t * 40 + c], some[t * 13 + c], 0f);
            }
        }
    }

    @Test
    void computeFrameEqualsInteriorCentredFrame() {
        Mfcc mfcc = new Mfcc(FeatureSettings.defaults());
        float[] x = TestSignals.referenceSignal();
        float[] all = mfcc.extract(x).toArray();
        float[] one = new float[40];
        mfcc.computeFrame(x, 60 * 160 - 240, one, 0);
        for (int c = 0; c < 40; c++) {
            assertEquals(all[60 * 40 + c], one[c], 0f);
        }
    }
}
