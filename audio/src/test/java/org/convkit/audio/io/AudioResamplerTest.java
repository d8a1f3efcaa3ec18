package org.convkit.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AudioResamplerTest {

    /** Least-squares amplitude of a sinusoid at {@code f} over the middle half of {@code y}. */
    static double fittedAmplitude(float[] y, double f, int rate) {
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
        for (int i = y.length / 4; i < 3 * y.length / 4; i++) {
            double ph = 2 * Math.PI * f * i / rate;
            double s = Math.sin(ph), c = Math.cos(ph);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += y[i] * s;
            yc += y[i] * c;
        }
        double det = ss * cc - sc * sc;
        return Math.hypot((ys * cc - yc * sc) / det, (yc * ss - ys * sc) / det);
    }

    private static float[] sine(double f, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * f * i / rate));
        }
        return x;
    }

    private static double rms(float[] y) {
        double s = 0;
        for (int i = y.length / 4; i < 3 * y.length / 4; i++) {
            s += y[i] * (double) y[i];
        }
        return Math.sqrt(s / (y.length / 2));
    }

    @Test
    void downsamples44100To16000KeepingFrequencyAndLength() {
        for (double f : new double[] {440, 1000, 3000}) {
            float[] y = AudioResampler.resample(sine(f, 44100, 44100), 44100, 16000);
            assertEquals(16000, y.length);
            // All the energy is at f (a sinusoid of amplitude 0.5 has RMS 0.5 / sqrt 2)...
            assertEquals(0.5, fittedAmplitude(y, f, 16000), 0.0025);
            assertEquals(0.5 / Math.sqrt(2), rms(y), 0.002);
            // ... and none at the frequency a wrong rate would produce.
            assertTrue(fittedAmplitude(y, f * 44100 / 16000, 16000) < 0.005);
        }
    }

    @Test
    void upsamples8000To16000KeepingFrequencyAndLength() {
        float[] y = AudioResampler.resample(sine(1000, 8000, 8000), 8000, 16000);
        assertEquals(16000, y.length);
        assertEquals(0.5, fittedAmplitude(y, 1000, 16000), 0.0025);
        assertEquals(0.5 / Math.sqrt(2), rms(y), 0.002);
    }

    @Test
    void removesContentAboveTheNewNyquistFrequency() {
        // 10 kHz at 44.1 kHz cannot exist at 16 kHz; it would alias to 6 kHz. Measured -90 dB.
        float[] y = AudioResampler.resample(sine(10000, 44100, 44100), 44100, 16000);
        assertTrue(rms(y) < 0.5 / Math.sqrt(2) * 1e-3, "rms " + rms(y));
    }

    @Test
    void lengthIsCeilingOfTheExactRatio() {
        assertEquals(16000, AudioResampler.outputLength(44100, 44100, 16000));
        assertEquals(3, AudioResampler.outputLength(7, 44100, 16000)); // 2.54 -> 3
        assertEquals(3, AudioResampler.resample(new float[7], 44100, 16000).length);
        assertEquals(14, AudioResampler.resample(new float[7], 8000, 16000).length);
        assertEquals(0, AudioResampler.resample(new float[0], 8000, 16000).length);
    }

    @Test
    void sameRateReturnsACopyAndBadRatesAreRejected() {
        float[] x = {1, 2, 3};
        float[] y = AudioResampler.resample(x, 16000, 16000);
        assertEquals(3, y.length);
        y[0] = 9;
        assertEquals(1f, x[0]);
        assertThrows(IllegalArgumentException.class, () -> AudioResampler.resample(x, 0, 16000));
        assertThrows(IllegalArgumentException.class, () -> AudioResampler.resample(x, 100, 16000 * 300));
    }
}
