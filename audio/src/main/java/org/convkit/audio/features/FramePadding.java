package org.convkit.audio.features;

/**
 * How the signal is extended by fftSize/2 samples at both ends for centred framing (librosa
 * {@code center=True}).
 */
public enum FramePadding {
    /** Zeros (numpy {@code mode='constant'}, librosa's default since 0.10). */
    ZERO,
    /**
     * Mirror without repeating the edge sample (numpy {@code mode='reflect'}, librosa's default
     * before 0.10): x[-i] = x[i], x[n-1+i] = x[n-1-i]. Needs more than fftSize/2 samples.
     */
    REFLECT
}
