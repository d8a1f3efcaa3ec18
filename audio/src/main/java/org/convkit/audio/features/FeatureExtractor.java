package org.convkit.audio.features;

import java.util.Optional;

/**
 * A front-end runtime: turns float samples at {@link FeatureSettings#sampleRate()} into a
 * time-major feature matrix (frame t, coefficient c at {@code t * coefficients() + c}).
 *
 * <p>Implementations hold scratch buffers, so one instance must not be used by two threads at
 * once; construct one per thread (construction costs well under a millisecond). The compute
 * methods allocate nothing, except that an extractor clamping to top_db grows an internal buffer
 * the first time it sees an input longer than any before.
 */
public sealed interface FeatureExtractor permits LogMelSpectrogram, Mfcc {

    /**
     * The settings this runtime computes.
     *
     * @return the settings
     */
    FeatureSettings settings();

    /**
     * The statistics used by {@link FeatureNormalisation#GLOBAL}.
     *
     * @return the statistics, empty unless the normalisation is GLOBAL
     */
    Optional<FeatureStatistics> statistics();

    /**
     * Coefficients per frame.
     *
     * @return melBands for a log-mel spectrogram, cepstra for MFCC
     */
    int coefficients();

    /**
     * Frames produced from {@code samples} samples.
     *
     * @param samples input length, &gt;= 1
     * @return {@code 1 + samples / hopLength}
     */
    default int frameCount(int samples) {
        return settings().frameCount(samples);
    }

    /**
     * Floats written for an input of {@code samples} samples.
     *
     * @param samples input length, &gt;= 1
     * @return frameCount(samples) * coefficients()
     */
    default int outputLength(int samples) {
        return frameCount(samples) * coefficients();
    }

    /**
     * Computes the features of {@code samples[offset .. offset+length)} with centred framing, the
     * utterance-level steps (top_db clamp, per-utterance normalisation) taken over this input.
     *
     * @param samples   input samples at the settings' sample rate (not modified)
     * @param offset    first sample
     * @param length    number of samples, &gt;= 1 (&gt; fftSize/2 with REFLECT padding)
     * @param out       caller-owned destination
     * @param outOffset index in {@code out} of frame 0, coefficient 0; outputLength(length) floats
     *                  are written
     * @throws IllegalArgumentException if the input contains NaN or infinite values, or a buffer is
     *                                  too small
     */
    void compute(float[] samples, int offset, int length, float[] out, int outOffset);

    /**
     * Computes the features of a whole array into {@code out} from index 0.
     *
     * @param samples input samples (not modified)
     * @param out     destination of at least outputLength(samples.length) floats
     */
    default void compute(float[] samples, float[] out) {
        compute(samples, 0, samples.length, out, 0);
    }

    /**
     * Computes the features of a whole array into a new matrix (allocates the result).
     *
     * @param samples input samples (not modified)
     * @return the feature matrix
     */
    default FeatureMatrix extract(float[] samples) {
        float[] out = new float[outputLength(samples.length)];
        compute(samples, out);
        return FeatureMatrix.wrap(frameCount(samples.length), coefficients(), out);
    }

    /**
     * Computes one frame from the window {@code samples[start .. start+windowLength)} without any
     * padding, for streaming. Centred frame t of {@link #compute} equals {@code computeFrame} at
     * {@code start = t*hopLength - fftSize/2 + (fftSize - windowLength)/2} when that window lies
     * inside the input. Every frame-local step is applied (spectrum, mel, log or dB, DCT, GLOBAL
     * normalisation); the utterance-level steps are not (no top_db clamp, no PER_UTTERANCE
     * normalisation).
     *
     * @param samples   input samples (not modified)
     * @param start     first sample of the window
     * @param out       destination
     * @param outOffset index in {@code out} of coefficient 0; coefficients() floats are written
     */
    void computeFrame(float[] samples, int start, float[] out, int outOffset);

    /**
     * A string that changes whenever the output could change: the runtime kind, every setting and
     * the global statistics, for cache keys.
     *
     * @return the fingerprint
     */
    String fingerprint();
}
