package org.convkit.corpora.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static float[] sine(double frequency, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return x;
    }

    private static double maxErrorAgainstSine(float[] y, double frequency, int rate, int margin) {
        double max = 0;
        for (int n = margin; n < y.length - margin; n++) {
            max = Math.max(max, Math.abs(y[n] - 0.5 * Math.sin(2 * Math.PI * frequency * n / rate)));
        }
        return max;
    }

    @Test
    void downsamplesEspeakRateKeepingAOneKilohertzTone() {
        float[] y = new Resampler(22050, 16000).apply(sine(1000, 22050, 22050));
        assertEquals(16000, y.length);
        assertTrue(maxErrorAgainstSine(y, 1000, 16000, 200) < 1e-3, "passband error");
    }

    @Test
    void removesToneAboveTheNewNyquistFrequency() {
        float[] y = new Resampler(22050, 16000).apply(sine(9000, 22050, 22050));
        double energy = 0;
        for (int n = 200; n < y.length - 200; n++) {
            energy += y[n] * (double) y[n];
        }
        double rms = Math.sqrt(energy / (y.length - 400));
        assertTrue(rms < 0.5 / Math.sqrt(2) * 1e-3, "alias suppressed by 60 dB, rms " + rms);
    }

    @Test
    void upsamplesFliteKalFromEightKilohertz() {
        float[] y = new Resampler(8000, 16000).apply(sine(440, 8000, 8000));
        assertEquals(16000, y.length);
        assertTrue(maxErrorAgainstSine(y, 440, 16000, 200) < 1e-3);
    }

    @Test
    void besselSeriesMatchesKnownValue() {
        // I0(8) = 427.564115721804... (Abramowitz and Stegun, table 9.8 gives e^-8 I0(8) = 0.1434317818)
        assertEquals(427.5641157218, Resampler.besselI0(8), 1e-6);
    }
}
