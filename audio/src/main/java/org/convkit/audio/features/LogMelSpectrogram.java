package org.convkit.audio.features;

import java.util.Optional;

/**
 * Log-mel spectrogram runtime: for every centred frame, the periodic-Hann-windowed DFT (TarsosDSP
 * FFT), its magnitude or power, the {@link MelFilterbank}, then ln(x + logOffset) or decibels
 * (with the top_db clamp over the utterance), then the configured normalisation. Output is
 * melBands values per frame, time-major. Not thread-safe (scratch buffers); see
 * {@link FeatureExtractor} and {@code audio/FEATURES.md}.
 */
public final class LogMelSpectrogram implements FeatureExtractor {

    private final FeatureSettings settings;
    private final FeatureStatistics statistics;
    private final FrameAnalyzer analyzer;
    private final double[] frameValues;
    private double[] utterance;

    /**
     * Creates the runtime for settings whose normalisation is NONE or PER_UTTERANCE.
     *
     * @param settings front-end settings
     */
    public LogMelSpectrogram(FeatureSettings settings) {
        this(settings, null);
    }

    /**
     * Creates the runtime.
     *
     * @param settings   front-end settings
     * @param statistics melBands means and standard deviations when normalisation is GLOBAL,
     *                   otherwise {@code null}
     */
    public LogMelSpectrogram(FeatureSettings settings, FeatureStatistics statistics) {
        this.statistics = ExtractorSupport.checkStatistics(settings, statistics, settings.melBands());
        this.settings = settings;
        this.analyzer = new FrameAnalyzer(settings);
        this.frameValues = new double[settings.melBands()];
        this.utterance = ExtractorSupport.clampsTopDb(settings)
                ? new double[settings.frameCount(settings.sampleRate()) * settings.melBands()] : null;
    }

    @Override
    public FeatureSettings settings() {
        return settings;
    }

    @Override
    public Optional<FeatureStatistics> statistics() {
        return Optional.ofNullable(statistics);
    }

    @Override
    public int coefficients() {
        return settings.melBands();
    }

    /**
     * The filterbank this runtime applies.
     *
     * @return the (immutable) mel filterbank
     */
    public MelFilterbank filterbank() {
        return analyzer.filterbank();
    }

    @Override
    public void compute(float[] samples, int offset, int length, float[] out, int outOffset) {
        int bands = settings.melBands();
        int frames = ExtractorSupport.checkCompute(settings, samples, offset, length, out, outOffset, bands);
        if (ExtractorSupport.clampsTopDb(settings)) {
            int n = frames * bands;
            if (utterance.length < n) {
                utterance = new double[n];
            }
            for (int t = 0; t < frames; t++) {
                analyzer.centredFrame(samples, offset, length, t, frameValues);
                System.arraycopy(frameValues, 0, utterance, t * bands, bands);
            }
            ExtractorSupport.clampBelowMax(utterance, n, settings.topDb());
            for (int i = 0; i < n; i++) {
                out[outOffset + i] = (float) utterance[i];
            }
        } else {
            for (int t = 0; t < frames; t++) {
                analyzer.centredFrame(samples, offset, length, t, frameValues);
                int base = outOffset + t * bands;
                for (int m = 0; m < bands; m++) {
                    out[base + m] = (float) frameValues[m];
                }
            }
        }
        ExtractorSupport.normalise(settings, statistics, out, outOffset, frames, bands);
    }

    @Override
    public void computeFrame(float[] samples, int start, float[] out, int outOffset) {
        int bands = settings.melBands();
        ExtractorSupport.checkFrame(settings, samples, start, out, outOffset, bands);
        analyzer.windowAt(samples, start, frameValues);
        for (int m = 0; m < bands; m++) {
            out[outOffset + m] = (float) frameValues[m];
        }
        if (statistics != null) {
            ExtractorSupport.global(statistics, out, outOffset, 1, bands);
        }
    }

    @Override
    public String fingerprint() {
        return "LogMelSpectrogram|" + settings + (statistics == null ? "" : "|" + statistics);
    }
}
