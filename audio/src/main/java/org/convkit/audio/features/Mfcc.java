package org.convkit.audio.features;

import java.util.Optional;

/**
 * MFCC runtime: the log-mel spectrogram of {@link LogMelSpectrogram} (including the top_db clamp
 * over the utterance, as librosa applies it before the DCT), then a DCT-II over the mel bands of
 * each frame keeping the first {@code cepstra} coefficients, then the configured normalisation.
 * No liftering. Output is cepstra values per frame, time-major. Not thread-safe (scratch
 * buffers); see {@link FeatureExtractor} and {@code audio/FEATURES.md}.
 */
public final class Mfcc implements FeatureExtractor {

    private final FeatureSettings settings;
    private final FeatureStatistics statistics;
    private final FrameAnalyzer analyzer;
    private final Dct dct;
    private final double[] frameValues;
    private double[] utterance;

    /**
     * Creates the runtime for settings whose normalisation is NONE or PER_UTTERANCE.
     *
     * @param settings front-end settings
     */
    public Mfcc(FeatureSettings settings) {
        this(settings, null);
    }

    /**
     * Creates the runtime.
     *
     * @param settings   front-end settings
     * @param statistics cepstra means and standard deviations when normalisation is GLOBAL,
     *                   otherwise {@code null}
     */
    public Mfcc(FeatureSettings settings, FeatureStatistics statistics) {
        this.statistics = ExtractorSupport.checkStatistics(settings, statistics, settings.cepstra());
        this.settings = settings;
        this.analyzer = new FrameAnalyzer(settings);
        this.dct = new Dct(settings.melBands(), settings.cepstra(), settings.dct());
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
        return settings.cepstra();
    }

    @Override
    public void compute(float[] samples, int offset, int length, float[] out, int outOffset) {
        int bands = settings.melBands();
        int ceps = settings.cepstra();
        int frames = ExtractorSupport.checkCompute(settings, samples, offset, length, out, outOffset, ceps);
        if (ExtractorSupport.clampsTopDb(settings)) {
            // The clamp needs the maximum over all frames before any DCT.
            int n = frames * bands;
            if (utterance.length < n) {
                utterance = new double[n];
            }
            for (int t = 0; t < frames; t++) {
                analyzer.centredFrame(samples, offset, length, t, frameValues);
                System.arraycopy(frameValues, 0, utterance, t * bands, bands);
            }
            ExtractorSupport.clampBelowMax(utterance, n, settings.topDb());
            for (int t = 0; t < frames; t++) {
                dct.apply(utterance, t * bands, out, outOffset + t * ceps);
            }
        } else {
            for (int t = 0; t < frames; t++) {
                analyzer.centredFrame(samples, offset, length, t, frameValues);
                dct.apply(frameValues, 0, out, outOffset + t * ceps);
            }
        }
        ExtractorSupport.normalise(settings, statistics, out, outOffset, frames, ceps);
    }

    @Override
    public void computeFrame(float[] samples, int start, float[] out, int outOffset) {
        int ceps = settings.cepstra();
        ExtractorSupport.checkFrame(settings, samples, start, out, outOffset, ceps);
        analyzer.windowAt(samples, start, frameValues);
        dct.apply(frameValues, 0, out, outOffset);
        if (statistics != null) {
            ExtractorSupport.global(statistics, out, outOffset, 1, ceps);
        }
    }

    @Override
    public String fingerprint() {
        return "Mfcc|" + settings + (statistics == null ? "" : "|" + statistics);
    }
}
