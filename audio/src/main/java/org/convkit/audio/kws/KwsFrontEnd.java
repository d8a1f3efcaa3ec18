package org.convkit.audio.kws;

import java.util.Locale;
import java.util.Objects;
import org.convkit.audio.features.FeatureExtractor;
import org.convkit.audio.features.FeatureNormalisation;
import org.convkit.audio.features.FeatureSettings;
import org.convkit.audio.features.FeatureStatistics;
import org.convkit.audio.features.LogMelSpectrogram;
import org.convkit.audio.features.Mfcc;

/**
 * The front end a keyword-spotting model was trained with, saved inside the model file so that
 * evaluation and streaming compute exactly the same features.
 *
 * <p>Normalisation must be one that streaming can reproduce frame by frame: {@code NONE}, or
 * {@code GLOBAL} with per-coefficient statistics measured on the unaugmented training features
 * (the default). {@code PER_UTTERANCE} needs the whole clip and is rejected.
 *
 * @param kind        {@code "mfcc"} ({@link Mfcc}, Honk's features) or {@code "log-mel"}
 *                    ({@link LogMelSpectrogram})
 * @param settings    feature settings
 * @param statistics  the GLOBAL statistics, or {@code null} when normalisation is NONE
 * @param clipSamples samples per example (16000 = 1 s at 16 kHz)
 */
public record KwsFrontEnd(String kind, FeatureSettings settings, FeatureStatistics statistics, int clipSamples) {

    /** MFCC front end. */
    public static final String MFCC = "mfcc";
    /** Log-mel front end. */
    public static final String LOG_MEL = "log-mel";

    /** Validates the combination (the message names the field). */
    public KwsFrontEnd {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settings, "settings");
        kind = kind.toLowerCase(Locale.ROOT);
        if (!kind.equals(MFCC) && !kind.equals(LOG_MEL)) {
            throw new IllegalArgumentException("front end kind must be '" + MFCC + "' or '" + LOG_MEL + "', was '" + kind + "'");
        }
        if (settings.normalisation() == FeatureNormalisation.PER_UTTERANCE) {
            throw new IllegalArgumentException("normalisation PER_UTTERANCE cannot be reproduced when streaming "
                    + "(it needs the whole clip); use GLOBAL or NONE");
        }
        if ((settings.normalisation() == FeatureNormalisation.GLOBAL) != (statistics != null)) {
            throw new IllegalArgumentException("statistics must be given exactly when normalisation is GLOBAL (normalisation "
                    + settings.normalisation() + ", statistics " + (statistics == null ? "absent" : "present") + ")");
        }
        if (clipSamples < 1) {
            throw new IllegalArgumentException("clipSamples must be >= 1, was " + clipSamples);
        }
    }

    /**
     * Coefficients per frame.
     *
     * @return cepstra for MFCC, mel bands for log-mel
     */
    public int coefficients() {
        return kind.equals(MFCC) ? settings.cepstra() : settings.melBands();
    }

    /**
     * Frames per clip.
     *
     * @return 1 + clipSamples / hop (101 for the defaults)
     */
    public int frames() {
        return settings.frameCount(clipSamples);
    }

    /**
     * A new runtime computing the normalised features (one per thread).
     *
     * @return the extractor
     */
    public FeatureExtractor newExtractor() {
        return kind.equals(MFCC) ? new Mfcc(settings, statistics) : new LogMelSpectrogram(settings, statistics);
    }

    /**
     * A new runtime computing the same features before normalisation.
     *
     * @return the extractor with normalisation NONE
     */
    public FeatureExtractor newRawExtractor() {
        FeatureSettings raw = settings.withNormalisation(FeatureNormalisation.NONE);
        return kind.equals(MFCC) ? new Mfcc(raw) : new LogMelSpectrogram(raw);
    }

    /**
     * Applies the normalisation in place to raw features, with the same arithmetic as the
     * extractor's GLOBAL step ({@code (float) ((x - mean[c]) / std[c])} in double), so that
     * {@code normalise(raw) == newExtractor().compute(...)} bit for bit.
     *
     * @param values time-major raw features
     * @param offset index of frame 0
     * @param frames number of frames
     */
    public void normalise(float[] values, int offset, int frames) {
        if (statistics != null) {
            normalise(values, offset, frames, statistics.mean(), statistics.std());
        }
    }

    /**
     * The GLOBAL normalisation step with caller-held copies of the statistics (no allocation).
     *
     * @param values time-major raw features, normalised in place
     * @param offset index of frame 0
     * @param frames number of frames
     * @param mean   per-coefficient means
     * @param std    per-coefficient standard deviations
     */
    static void normalise(float[] values, int offset, int frames, double[] mean, double[] std) {
        int cs = mean.length;
        for (int t = 0; t < frames; t++) {
            int base = offset + t * cs;
            for (int c = 0; c < cs; c++) {
                values[base + c] = (float) ((values[base + c] - mean[c]) / std[c]);
            }
        }
    }
}
