package org.convkit.audio.features;

import be.tarsos.dsp.util.fft.FFT;

/**
 * Per-frame pipeline shared by the runtimes: centred framing with padding, periodic Hann window,
 * TarsosDSP real FFT, magnitude or power spectrum, mel filterbank and log compression (without
 * the utterance-level top_db clamp). Holds scratch buffers: one instance per thread.
 */
final class FrameAnalyzer {

    private final FeatureSettings settings;
    private final FFT fft;
    private final MelFilterbank filterbank;
    private final float[] window;
    private final int windowOffset;
    private final float[] frame;
    private final float[] spectrum;
    private final double[] mel;
    private final boolean power;
    private final boolean decibel;
    private final double logOffset;
    private final double amin;
    private final double dbScale;

    FrameAnalyzer(FeatureSettings settings) {
        this.settings = settings;
        int n = settings.fftSize();
        int w = settings.windowLength();
        // No TarsosDSP window function: its curves are not librosa's periodic Hann, and the window
        // here is shorter than the FFT and centred in it.
        this.fft = new FFT(n);
        this.filterbank = new MelFilterbank(settings);
        this.window = new float[w];
        for (int i = 0; i < w; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / w)); // periodic Hann
        }
        this.windowOffset = (n - w) / 2; // librosa's pad_center
        this.frame = new float[n];
        this.spectrum = new float[settings.spectrumBins()];
        this.mel = new double[settings.melBands()];
        this.power = settings.spectrum() == SpectrumType.POWER;
        this.decibel = settings.logCompression() == LogCompression.DECIBEL;
        this.logOffset = settings.logOffset();
        this.amin = settings.amin();
        this.dbScale = power ? 10.0 : 20.0;
    }

    MelFilterbank filterbank() {
        return filterbank;
    }

    /** Input index of the first windowed sample of centred frame t. */
    int windowStart(int t) {
        return t * settings.hopLength() - settings.fftSize() / 2 + windowOffset;
    }

    /**
     * Log-mel of centred frame t of x[off .. off+len), padded per the settings, into out[0..bands).
     */
    void centredFrame(float[] x, int off, int len, int t, double[] out) {
        int start = windowStart(t);
        int w = window.length;
        if (start >= 0 && start + w <= len) {
            int base = off + start;
            for (int i = 0; i < w; i++) {
                frame[windowOffset + i] = x[base + i] * window[i];
            }
        } else {
            boolean reflect = settings.padding() == FramePadding.REFLECT;
            for (int i = 0; i < w; i++) {
                int j = start + i;
                float v;
                if (j >= 0 && j < len) {
                    v = x[off + j];
                } else if (reflect) {
                    v = x[off + (j < 0 ? -j : 2 * (len - 1) - j)];
                } else {
                    v = 0f;
                }
                frame[windowOffset + i] = v * window[i];
            }
        }
        transform(out, t);
    }

    /** Log-mel of the window x[start .. start+windowLength) with no padding, into out[0..bands). */
    void windowAt(float[] x, int start, double[] out) {
        for (int i = 0; i < window.length; i++) {
            frame[windowOffset + i] = x[start + i] * window[i];
        }
        transform(out, -1);
    }

    private void transform(double[] out, int t) {
        int n = frame.length;
        for (int i = 0; i < windowOffset; i++) {
            frame[i] = 0f;
        }
        for (int i = windowOffset + window.length; i < n; i++) {
            frame[i] = 0f;
        }
        // JTransforms layout from realForward: [Re0, Re(n/2), Re1, Im1, Re2, Im2, ...].
        fft.forwardTransform(frame);
        spectrum[0] = frame[0] * frame[0];
        spectrum[n / 2] = frame[1] * frame[1];
        for (int k = 1; k < n / 2; k++) {
            float re = frame[2 * k];
            float im = frame[2 * k + 1];
            spectrum[k] = re * re + im * im;
        }
        if (!power) {
            for (int k = 0; k < spectrum.length; k++) {
                spectrum[k] = (float) Math.sqrt(spectrum[k]);
            }
        }
        filterbank.applyDouble(spectrum, mel);
        for (int m = 0; m < mel.length; m++) {
            double e = mel[m];
            if (!(e < Double.POSITIVE_INFINITY)) { // NaN or +Inf: only from non-finite input samples
                throw new IllegalArgumentException("input samples contain NaN or infinite values"
                        + (t >= 0 ? " (in frame " + t + ")" : "") + "; expected finite samples");
            }
            out[m] = decibel ? dbScale * Math.log10(Math.max(e, amin)) : Math.log(e + logOffset);
        }
    }
}
