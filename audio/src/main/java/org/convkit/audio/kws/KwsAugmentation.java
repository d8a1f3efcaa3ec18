package org.convkit.audio.kws;

/**
 * Training-time augmentation of keyword clips, after TensorFlow's speech_commands
 * {@code input_data.py}: a random time shift of up to {@code timeShiftMs} with zero fill, then with
 * probability {@code backgroundFrequency} a random stretch of background noise at a volume drawn
 * from [0, backgroundVolume); silence examples are background noise alone at a volume drawn from
 * [0, silenceVolume). Validation and test examples are never augmented.
 *
 * @param timeShiftMs         largest shift in ms, &gt;= 0 (TensorFlow 100)
 * @param backgroundVolume    upper bound of the noise volume, &gt;= 0 (TensorFlow 0.1)
 * @param backgroundFrequency probability that an example gets noise, in [0, 1] (TensorFlow 0.8)
 * @param silenceVolume       upper bound of the volume of silence examples, &gt;= 0 (TensorFlow 1.0)
 */
public record KwsAugmentation(double timeShiftMs, double backgroundVolume, double backgroundFrequency,
                              double silenceVolume) {

    /** Validates the ranges (the message names the field). */
    public KwsAugmentation {
        if (!(timeShiftMs >= 0) || Double.isInfinite(timeShiftMs)) {
            throw new IllegalArgumentException("timeShiftMs must be finite and >= 0, was " + timeShiftMs);
        }
        if (!(backgroundVolume >= 0) || Double.isInfinite(backgroundVolume)) {
            throw new IllegalArgumentException("backgroundVolume must be finite and >= 0, was " + backgroundVolume);
        }
        if (!(backgroundFrequency >= 0 && backgroundFrequency <= 1)) {
            throw new IllegalArgumentException("backgroundFrequency must be in [0, 1], was " + backgroundFrequency);
        }
        if (!(silenceVolume >= 0) || Double.isInfinite(silenceVolume)) {
            throw new IllegalArgumentException("silenceVolume must be finite and >= 0, was " + silenceVolume);
        }
    }

    /**
     * TensorFlow speech_commands' defaults: shift 100 ms, volume 0.1, frequency 0.8, silence volume 1.
     *
     * @return the defaults
     */
    public static KwsAugmentation tensorFlowDefaults() {
        return new KwsAugmentation(100, 0.1, 0.8, 1.0);
    }

    /**
     * No augmentation (no shift, no noise; silence examples still get noise at up to volume 1).
     *
     * @return the settings
     */
    public static KwsAugmentation none() {
        return new KwsAugmentation(0, 0, 0, 1.0);
    }
}
