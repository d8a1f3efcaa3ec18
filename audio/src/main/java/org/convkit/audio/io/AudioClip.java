package org.convkit.audio.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Decoded audio: float PCM samples, interleaved by channel, at the file's own sample rate.
 * Integer PCM is scaled by 2^-(bits-1) so values lie in [-1, 1); float files are passed through
 * unscaled. Immutable: accessors return copies.
 */
public final class AudioClip {

    private final Path source;
    private final int sampleRate;
    private final int channels;
    private final float[] interleaved;

    /**
     * Creates a clip (the array is copied).
     *
     * @param source      the file it was decoded from (for messages), or {@code null} if synthetic
     * @param sampleRate  samples per second per channel, &gt; 0
     * @param channels    number of channels, &gt; 0
     * @param interleaved samples, frame-major: frame f, channel c at {@code f * channels + c}; its
     *                    length must be a multiple of {@code channels}
     */
    public AudioClip(Path source, int sampleRate, int channels, float[] interleaved) {
        Objects.requireNonNull(interleaved, "interleaved");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be > 0, was " + sampleRate);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be > 0, was " + channels);
        }
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException("interleaved length " + interleaved.length
                    + " is not a multiple of channels " + channels);
        }
        this.source = source;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.interleaved = interleaved.clone();
    }

    /**
     * The file this clip was decoded from.
     *
     * @return the path, or {@code null} for a synthetic clip
     */
    public Path source() {
        return source;
    }

    /**
     * Sample rate of the clip.
     *
     * @return samples per second per channel (Hz)
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Number of channels.
     *
     * @return 1 for mono, 2 for stereo, ...
     */
    public int channels() {
        return channels;
    }

    /**
     * Number of sample frames (samples per channel).
     *
     * @return frames
     */
    public int frames() {
        return interleaved.length / channels;
    }

    /**
     * Duration of the clip.
     *
     * @return frames / sampleRate, in seconds
     */
    public double durationSeconds() {
        return frames() / (double) sampleRate;
    }

    /**
     * One channel's samples.
     *
     * @param channel channel index in [0, channels)
     * @return a new array of {@link #frames()} samples
     */
    public float[] channel(int channel) {
        Objects.checkIndex(channel, channels);
        float[] out = new float[frames()];
        for (int f = 0; f < out.length; f++) {
            out[f] = interleaved[f * channels + channel];
        }
        return out;
    }

    /**
     * All samples, interleaved.
     *
     * @return a copy of the interleaved samples
     */
    public float[] interleaved() {
        return interleaved.clone();
    }

    /**
     * Mono mix-down: the arithmetic mean of the channels in each frame (as librosa's
     * {@code to_mono}); a mono clip is returned as a copy.
     *
     * @return a new array of {@link #frames()} samples
     */
    public float[] mono() {
        if (channels == 1) {
            return interleaved.clone();
        }
        float[] out = new float[frames()];
        for (int f = 0; f < out.length; f++) {
            double sum = 0;
            int base = f * channels;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[base + c];
            }
            out[f] = (float) (sum / channels);
        }
        return out;
    }
}
