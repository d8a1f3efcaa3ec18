package org.convkit.audio.augment;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Mixes a random segment of a random background-noise clip into fixed-length examples, as
 * TensorFlow's speech_commands {@code input_data.py} does for training: with probability
 * {@code frequency} (0.8) an example gets noise at a volume drawn uniformly from
 * [0, volumeRange) (0.1), otherwise none; silence examples are noise alone at a volume drawn from
 * [0, silenceVolumeRange) (1.0). The sum is clipped to [-1, 1].
 *
 * <p>Draw order for {@link #mix}: clip index ({@code nextInt(clips)}), segment offset
 * ({@code nextInt(clipLength - length + 1)}), then {@code nextDouble()} against the frequency, and
 * only if that passes, {@code nextDouble()} for the volume. {@link #silence} draws clip, offset and
 * volume. Immutable and thread-safe (all state is in the caller's generator).
 */
public final class BackgroundNoiseMixer {

    private final List<NoiseClip> clips;
    private final int length;
    private final double volumeRange;
    private final double frequency;
    private final double silenceVolumeRange;

    /**
     * Creates the mixer.
     *
     * @param clips              noise clips, each at least {@code length} samples long
     * @param length             length of the examples to be mixed (e.g. 16000)
     * @param volumeRange        upper bound of the uniform noise volume for ordinary examples,
     *                           &gt;= 0 (TensorFlow {@code --background_volume}, 0.1)
     * @param frequency          probability that an ordinary example gets noise, in [0, 1]
     *                           (TensorFlow {@code --background_frequency}, 0.8)
     * @param silenceVolumeRange upper bound of the uniform noise volume for silence examples,
     *                           &gt;= 0 (1.0 in TensorFlow)
     */
    public BackgroundNoiseMixer(List<NoiseClip> clips, int length, double volumeRange, double frequency,
                                double silenceVolumeRange) {
        Objects.requireNonNull(clips, "clips");
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("need at least one noise clip");
        }
        if (length <= 0) {
            throw new IllegalArgumentException("length must be > 0, was " + length);
        }
        for (NoiseClip c : clips) {
            if (c.length() < length) {
                throw new IllegalArgumentException("noise clip " + c.name() + " has " + c.length()
                        + " samples; expected at least the example length " + length);
            }
        }
        if (!(volumeRange >= 0) || Double.isInfinite(volumeRange)) {
            throw new IllegalArgumentException("volumeRange must be finite and >= 0, was " + volumeRange);
        }
        if (!(frequency >= 0 && frequency <= 1)) {
            throw new IllegalArgumentException("frequency must be in [0, 1], was " + frequency);
        }
        if (!(silenceVolumeRange >= 0) || Double.isInfinite(silenceVolumeRange)) {
            throw new IllegalArgumentException("silenceVolumeRange must be finite and >= 0, was " + silenceVolumeRange);
        }
        this.clips = List.copyOf(clips);
        this.length = length;
        this.volumeRange = volumeRange;
        this.frequency = frequency;
        this.silenceVolumeRange = silenceVolumeRange;
    }

    /**
     * TensorFlow speech_commands' defaults: volume range 0.1, frequency 0.8, silence volume range 1.
     *
     * @param clips  noise clips (e.g. from {@link NoiseClip#loadDirectory})
     * @param length example length in samples
     * @return the mixer
     */
    public static BackgroundNoiseMixer speechCommandsDefaults(List<NoiseClip> clips, int length) {
        return new BackgroundNoiseMixer(clips, length, 0.1, 0.8, 1.0);
    }

    /**
     * Adds noise to one example, maybe (see the class description).
     *
     * @param in  example of {@code length} samples
     * @param out destination of {@code length} samples (may be {@code in})
     * @param rng random source
     * @return the noise volume used (0 when the example got no noise)
     */
    public double mix(float[] in, float[] out, RandomGenerator rng) {
        check(in, "in");
        check(out, "out");
        NoiseClip clip = clips.get(rng.nextInt(clips.size()));
        int offset = rng.nextInt(clip.length() - length + 1);
        double volume = rng.nextDouble() < frequency ? rng.nextDouble() * volumeRange : 0.0;
        for (int i = 0; i < length; i++) {
            out[i] = clip(in[i] + volume * clip.sample(offset + i));
        }
        return volume;
    }

    /**
     * Fills a silence example: noise alone at a volume drawn from [0, silenceVolumeRange).
     *
     * @param out destination of {@code length} samples
     * @param rng random source
     * @return the noise volume used
     */
    public double silence(float[] out, RandomGenerator rng) {
        check(out, "out");
        NoiseClip clip = clips.get(rng.nextInt(clips.size()));
        int offset = rng.nextInt(clip.length() - length + 1);
        double volume = rng.nextDouble() * silenceVolumeRange;
        for (int i = 0; i < length; i++) {
            out[i] = clip(volume * clip.sample(offset + i));
        }
        return volume;
    }

    /**
     * Example length this mixer works on.
     *
     * @return length in samples
     */
    public int length() {
        return length;
    }

    private void check(float[] a, String name) {
        Objects.requireNonNull(a, name);
        if (a.length != length) {
            throw new IllegalArgumentException(name + " has " + a.length + " samples; expected " + length);
        }
    }

    private static float clip(double v) {
        return (float) Math.max(-1.0, Math.min(1.0, v));
    }
}
