package org.convkit.audio;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.convkit.audio.features.FeatureExtractor;
import org.convkit.audio.features.FeatureMatrix;
import org.convkit.audio.io.AudioFileException;
import org.convkit.audio.io.AudioReader;

/**
 * The whole front end for one file: decode ({@link AudioReader}), mix down to mono (mean of the
 * channels), resample to the extractor's sample rate, fit to a fixed length (zero-padded or cut at
 * the end, as TensorFlow's {@code decode_wav(desired_samples=...)} does for Speech Commands) and
 * extract features. Not thread-safe (it owns a {@link FeatureExtractor}); use one per thread.
 */
public final class ClipFeaturizer {

    /** Bump when the decode / mix-down / resample / fit steps change, to invalidate caches. */
    private static final String PIPELINE_VERSION = "1";

    private final FeatureExtractor extractor;
    private final int clipSamples;

    /**
     * Creates the featurizer.
     *
     * @param extractor   feature runtime (its settings give the sample rate)
     * @param clipSamples fixed clip length in samples after resampling (16000 for 1 s at 16 kHz)
     */
    public ClipFeaturizer(FeatureExtractor extractor, int clipSamples) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        if (clipSamples < 1) {
            throw new IllegalArgumentException("clipSamples must be >= 1, was " + clipSamples);
        }
        this.clipSamples = clipSamples;
    }

    /**
     * The feature runtime.
     *
     * @return extractor
     */
    public FeatureExtractor extractor() {
        return extractor;
    }

    /**
     * Fixed clip length.
     *
     * @return samples per clip at the extractor's sample rate
     */
    public int clipSamples() {
        return clipSamples;
    }

    /**
     * Decodes, mixes down, resamples and fits a file to {@link #clipSamples()} samples; the input
     * of augmentation.
     *
     * @param file audio file
     * @return a new array of clipSamples samples
     * @throws AudioFileException if the file cannot be decoded (the message names it)
     */
    public float[] loadSamples(Path file) throws AudioFileException {
        float[] x = AudioReader.readMono(file, extractor.settings().sampleRate());
        return x.length == clipSamples ? x : Arrays.copyOf(x, clipSamples);
    }

    /**
     * Features of a file: {@link #loadSamples} then the extractor.
     *
     * @param file audio file
     * @return the feature matrix (frameCount(clipSamples) x coefficients)
     * @throws AudioFileException if the file cannot be decoded (the message names it)
     */
    public FeatureMatrix compute(Path file) throws AudioFileException {
        return extractor.extract(loadSamples(file));
    }

    /**
     * Identifies everything that determines {@link #compute}'s output for a given file content:
     * pipeline version, clip length, resampler and the extractor's fingerprint.
     *
     * @return the fingerprint
     */
    public String fingerprint() {
        return "ClipFeaturizer/" + PIPELINE_VERSION + "|mono=mean|resampler=TarsosDSP-libresample-hq|clipSamples="
                + clipSamples + "|" + extractor.fingerprint();
    }
}
