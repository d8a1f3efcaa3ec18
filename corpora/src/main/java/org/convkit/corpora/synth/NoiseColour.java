package org.convkit.corpora.synth;

import java.util.SplittableRandom;

/**
 * Colours of background noise, defined by the slope of their power spectrum: power proportional to
 * {@code f^-exponent}. The generated noise has exactly that spectral envelope (random phases and
 * Gaussian amplitudes shaped in the frequency domain).
 */
public enum NoiseColour {
    /** Flat spectrum (exponent 0). */
    WHITE(0),
    /** 1/f, -3 dB per octave (exponent 1). */
    PINK(1),
    /** 1/f², -6 dB per octave, also called red or Brownian noise (exponent 2). */
    BROWN(2);

    private final int exponent;

    NoiseColour(int exponent) {
        this.exponent = exponent;
    }

    /**
     * The power-spectrum exponent.
     *
     * @return 0, 1 or 2
     */
    public int exponent() {
        return exponent;
    }

    /**
     * The file name Speech Commands uses for this colour in {@code _background_noise_}.
     *
     * @return e.g. {@code pink_noise.wav}
     */
    public String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT) + "_noise.wav";
    }

    /**
     * Generates noise of this colour.
     *
     * @param samples   the number of samples
     * @param rmsDbfs   the RMS level of the result, in dB relative to full scale (e.g. -20)
     * @param random    the source of randomness
     * @return the samples, with zero mean and the requested RMS
     */
    public float[] generate(int samples, double rmsDbfs, SplittableRandom random) {
        int n = Integer.highestOneBit(Math.max(2, samples - 1)) << 1;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = random.nextGaussian();
        }
        Fft.transform(re, im, false);
        re[0] = 0;
        im[0] = 0;
        for (int k = 1; k <= n / 2; k++) {
            double gain = Math.pow(k, -exponent / 2.0); // amplitude ~ f^(-exponent/2)
            re[k] *= gain;
            im[k] *= gain;
            if (k < n / 2) {
                re[n - k] = re[k];
                im[n - k] = -im[k];
            } else {
                im[k] = 0;
            }
        }
        Fft.transform(re, im, true);
        double mean = 0;
        for (int i = 0; i < samples; i++) {
            mean += re[i];
        }
        mean /= samples;
        double energy = 0;
        for (int i = 0; i < samples; i++) {
            re[i] -= mean;
            energy += re[i] * re[i];
        }
        double scale = Math.pow(10, rmsDbfs / 20) / Math.sqrt(energy / samples);
        float[] out = new float[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (float) (re[i] * scale);
        }
        return out;
    }
}
