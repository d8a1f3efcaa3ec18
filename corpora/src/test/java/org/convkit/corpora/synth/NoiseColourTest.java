package org.convkit.corpora.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseColourTest {

    /** Mean Hann-windowed periodogram power in [lo, hi) Hz over 1024-sample segments at 16 kHz. */
    private static double bandPower(float[] x, double lo, double hi) {
        int n = 1024;
        double sum = 0;
        int count = 0;
        for (int start = 0; start + n <= x.length; start += n / 2) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = x[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
            }
            Fft.transform(re, im, false);
            for (int k = 1; k < n / 2; k++) {
                double f = k * 16000.0 / n;
                if (f >= lo && f < hi) {
                    sum += re[k] * re[k] + im[k] * im[k];
                    count++;
                }
            }
        }
        return sum / count;
    }

    private static double slopeDbPerOctave(float[] x) {
        double first = 10 * Math.log10(bandPower(x, 250, 500));
        double last = 10 * Math.log10(bandPower(x, 2000, 4000));
        return (last - first) / 3; // three octaves apart
    }

    @Test
    void spectraFallByZeroThreeAndSixDecibelsPerOctave() {
        // power ~ f^-a: mean over an octave falls by 10*log10(2^a) = 0, 3.01, 6.02 dB per octave
        float[] white = NoiseColour.WHITE.generate(160_000, -20, new SplittableRandom(1));
        float[] pink = NoiseColour.PINK.generate(160_000, -20, new SplittableRandom(2));
        float[] brown = NoiseColour.BROWN.generate(160_000, -20, new SplittableRandom(3));
        assertEquals(0.0, slopeDbPerOctave(white), 0.3);
        assertEquals(-3.01, slopeDbPerOctave(pink), 0.3);
        assertEquals(-6.02, slopeDbPerOctave(brown), 0.3);
    }

    @Test
    void hasTheRequestedLevelAndIsDeterministic() {
        float[] x = NoiseColour.PINK.generate(10_000, -20, new SplittableRandom(7));
        double energy = 0;
        double mean = 0;
        for (float v : x) {
            energy += v * (double) v;
            mean += v;
        }
        assertEquals(-20.0, 10 * Math.log10(energy / x.length), 1e-3);
        assertEquals(0.0, mean / x.length, 1e-6);
        assertArrayEquals(x, NoiseColour.PINK.generate(10_000, -20, new SplittableRandom(7)));
        assertEquals("brown_noise.wav", NoiseColour.BROWN.fileName());
    }
}
