package org.convkit.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Log-mel frames against the float64 numpy reference (src/test/python/reference_features.py).
 *
 * <p>Tolerances: the Java path runs the FFT and stores its spectrum in float32, whose relative
 * error after a 512-point transform is of order log2(512) * 2^-24 = 5e-7; a relative error d in a
 * mel energy moves ln(x) by d and 10 log10(x) by 4.34 d. The measured maximum differences were
 * 2.7e-6 (ln), 9.6e-6 dB (power dB) and 4.5e-6 dB (magnitude dB). We allow 2e-5 for ln and 1e-4 for
 * dB, about ten times the measured error, while any real defect (a bin, band, window or padding
 * off by one) moves values by 1e-2 or more.
 */
class LogMelSpectrogramTest {

    static final double LN_TOLERANCE = 2e-5;
    static final double DB_TOLERANCE = 1e-4;

    @Test
    void defaultLogMelMatchesNumpy() {
        assertFramesMatch(new LogMelSpectrogram(FeatureSettings.defaults()),
                NumpyReference.DEFAULT_LOGMEL_FRAMES, NumpyReference.DEFAULT_LOGMEL, LN_TOLERANCE);
    }

    @Test
    void librosaCompatibleDecibelsWithTopDbMatchNumpy() {
        LogMelSpectrogram lm = new LogMelSpectrogram(FeatureSettings.librosa(16000, 512, 160, 40, 20, 20, 4000));
        float[] out = assertFramesMatch(lm, NumpyReference.LIBROSA_LOGMEL_FRAMES,
                NumpyReference.LIBROSA_LOGMEL, DB_TOLERANCE);
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float v : out) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(NumpyReference.LIBROSA_LOGMEL_MAX, max, DB_TOLERANCE);
        // The silent frames are clamped to exactly max - 80 dB.
        assertEquals(NumpyReference.LIBROSA_LOGMEL_MAX - 80.0, min, DB_TOLERANCE);
    }

    @Test
    void htkMagnitudeDecibelsWithReflectPaddingMatchNumpy() {
        assertFramesMatch(new LogMelSpectrogram(MelFilterbankTest.htkReferenceSettings()),
                NumpyReference.HTK_LOGMEL_FRAMES, NumpyReference.HTK_LOGMEL, DB_TOLERANCE);
    }

    @Test
    void oneSecondGivesExactly101FramesOf40Bands() {
        LogMelSpectrogram lm = new LogMelSpectrogram(FeatureSettings.defaults());
        assertEquals(101, lm.frameCount(16000));
        assertEquals(40, lm.coefficients());
        assertEquals(4040, lm.outputLength(16000));
        FeatureMatrix m = lm.extract(new float[16000]);
        assertEquals(101, m.frames());
        assertEquals(40, m.coefficients());
        // 1 + n / 160 for other lengths: 159 samples -> 1 frame, 160 -> 2.
        assertEquals(1, lm.frameCount(159));
        assertEquals(2, lm.frameCount(160));
    }

    @Test
    void oneKilohertzSinePeaksInBandSixteen() {
        // Slaney scale, 20..4000 Hz: mel(20) = 0.3, mel(4000) = 15 + ln 4 / (ln 6.4 / 27) = 35.1638;
        // 42 edges are 0.85034 mel apart. Band m peaks at edge m+1: band 16 at 0.3 + 17 * 0.85034
        // = 14.756 mel = 983.7 Hz, band 17 at 15.606 mel = 1042.6 Hz. 1000 Hz is nearest band 16.
        LogMelSpectrogram lm = new LogMelSpectrogram(FeatureSettings.defaults());
        float[] out = new float[lm.outputLength(16000)];
        lm.compute(TestSignals.sine(1000, 16000, 16000, 0.5), out);
        for (int t = 0; t < 101; t++) {
            int best = 0;
            for (int m = 1; m < 40; m++) {
                if (out[t * 40 + m] > out[t * 40 + best]) {
                    best = m;
                }
            }
            assertEquals(16, best, "frame " + t);
        }
        assertEquals(983.7, new MelFilterbank(FeatureSettings.defaults()).edgeFrequencies()[17], 0.05);
    }

    @Test
    void silenceAndDcStayFinite() {
        for (FeatureSettings s : new FeatureSettings[] {FeatureSettings.defaults(),
                FeatureSettings.librosa(16000, 512, 160, 40, 20, 20, 4000),
                FeatureSettings.defaults().withNormalisation(FeatureNormalisation.PER_UTTERANCE)}) {
            LogMelSpectrogram lm = new LogMelSpectrogram(s);
            float[] dc = new float[16000];
            java.util.Arrays.fill(dc, 0.5f);
            for (float[] x : new float[][] {new float[16000], dc}) {
                float[] out = new float[lm.outputLength(x.length)];
                lm.compute(x, out);
                for (float v : out) {
                    assertTrue(Float.isFinite(v), s + " gave " + v);
                }
            }
        }
        // Digital silence with ln(x + 1e-6) is exactly ln(1e-6) in every band.
        LogMelSpectrogram lm = new LogMelSpectrogram(FeatureSettings.defaults());
        float[] out = lm.extract(new float[16000]).toArray();
        for (float v : out) {
            assertEquals(Math.log(1e-6), v, 1e-6);
        }
    }

    @Test
    void rejectsNanSamplesNamingTheFrame() {
        LogMelSpectrogram lm = new LogMelSpectrogram(FeatureSettings.defaults());
        float[] x = new float[16000];
        x[8000] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lm.extract(x));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("frame 49"), e.getMessage());
    }

    @Test
    void rejectsTooSmallOutputBufferAndEmptyInput() {
        LogMelSpectrogram lm = new LogMelSpectrogram(FeatureSettings.defaults());
        assertThrows(IllegalArgumentException.class, () -> lm.compute(new float[16000], new float[4039]));
        assertThrows(IllegalArgumentException.class, () -> lm.compute(new float[0], new float[40]));
    }

    @Test
    void computeFrameEqualsInteriorCentredFrame() {
        FeatureSettings s = FeatureSettings.defaults();
        LogMelSpectrogram lm = new LogMelSpectrogram(s);
        float[] x = TestSignals.referenceSignal();
        float[] all = new float[lm.outputLength(x.length)];
        lm.compute(x, all);
        float[] one = new float[40];
        for (int t : new int[] {2, 50, 98}) {
            int start = t * 160 - 256 + (512 - 480) / 2;
            lm.computeFrame(x, start, one, 0);
            float[] expected = java.util.Arrays.copyOfRange(all, t * 40, t * 40 + 40);
            assertArrayEquals(expected, one, 0f);
        }
    }

    @Test
    void computesAtAnOffsetIntoAnOffset() {
        LogMelSpectrogram lm = new LogMelSpectrogram(FeatureSettings.defaults());
        float[] x = TestSignals.referenceSignal();
        float[] padded = new float[x.length + 7];
        System.arraycopy(x, 0, padded, 7, x.length);
        float[] a = new float[4040];
        float[] b = new float[4040 + 3];
        lm.compute(x, a);
        lm.compute(padded, 7, x.length, b, 3);
        assertArrayEquals(a, java.util.Arrays.copyOfRange(b, 3, b.length), 0f);
    }

    @Test
    void repeatedComputeAllocatesNothing() {
        for (FeatureExtractor fe : new FeatureExtractor[] {new LogMelSpectrogram(FeatureSettings.defaults()),
                new Mfcc(FeatureSettings.librosa(16000, 512, 160, 40, 20, 20, 4000)
                        .withNormalisation(FeatureNormalisation.PER_UTTERANCE))}) {
            float[] x = TestSignals.referenceSignal();
            float[] out = new float[fe.outputLength(x.length)];
            for (int i = 0; i < 20; i++) {
                fe.compute(x, out); // warm up, let the JIT settle
            }
            com.sun.management.ThreadMXBean bean =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().threadId();
            long before = bean.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 50; i++) {
                fe.compute(x, out);
            }
            long allocated = bean.getThreadAllocatedBytes(tid) - before;
            // 50 calls of 101 frames; one 16 KB output array would already be 16160 bytes.
            assertTrue(allocated < 2048, fe.getClass().getSimpleName() + " allocated " + allocated + " bytes");
        }
    }

    static float[] assertFramesMatch(FeatureExtractor fe, int[] frames, double[][] expected, double tol) {
        float[] x = TestSignals.referenceSignal();
        float[] out = new float[fe.outputLength(x.length)];
        fe.compute(x, out);
        int cs = fe.coefficients();
        for (int i = 0; i < frames.length; i++) {
            assertEquals(cs, expected[i].length);
            for (int c = 0; c < cs; c++) {
                assertEquals(expected[i][c], out[frames[i] * cs + c], tol, "frame " + frames[i] + " coefficient " + c);
            }
        }
        return out;
    }
}
