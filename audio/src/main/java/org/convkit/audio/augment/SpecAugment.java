package org.convkit.audio.augment;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * SpecAugment frequency and time masking (Park et al. 2019) applied in place to a time-major
 * feature matrix (frame t, coefficient c at {@code t * coefficients + c}).
 *
 * <p>For each of the mF frequency masks: width f = {@code nextInt(min(F, C) + 1)}, start
 * f0 = {@code nextInt(C - f + 1)}, coefficients [f0, f0 + f) are masked in every frame. Then for
 * each of the mT time masks: width t = {@code nextInt(min(T, floor(p * frames)) + 1)}, start
 * t0 = {@code nextInt(frames - t + 1)}, frames [t0, t0 + t) are masked. (Park et al. write
 * f0 ~ U[0, C - f); the inclusive bound used here lets a mask reach the last coefficient.)
 * Masks may overlap. Immutable and thread-safe; allocates nothing.
 */
public final class SpecAugment {

    private final SpecAugmentSettings settings;

    /**
     * Creates the augmentation.
     *
     * @param settings masking parameters
     */
    public SpecAugment(SpecAugmentSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The parameters.
     *
     * @return settings
     */
    public SpecAugmentSettings settings() {
        return settings;
    }

    /**
     * Masks the matrix in place.
     *
     * @param features     time-major values, modified
     * @param offset       index of frame 0, coefficient 0
     * @param frames       number of frames
     * @param coefficients coefficients per frame
     * @param rng          random source (draw order in the class description)
     */
    public void apply(float[] features, int offset, int frames, int coefficients, RandomGenerator rng) {
        Objects.requireNonNull(features, "features");
        if (frames < 1 || coefficients < 1) {
            throw new IllegalArgumentException("frames and coefficients must be >= 1, were " + frames
                    + " and " + coefficients);
        }
        Objects.checkFromIndexSize(offset, frames * coefficients, features.length);
        float fill = 0f;
        if (settings.fill() == SpecAugmentSettings.MaskFill.MEAN) {
            double sum = 0;
            for (int i = offset; i < offset + frames * coefficients; i++) {
                sum += features[i];
            }
            fill = (float) (sum / (frames * coefficients));
        }
        int maxF = Math.min(settings.frequencyMaskWidth(), coefficients);
        for (int m = 0; m < settings.frequencyMasks(); m++) {
            int f = rng.nextInt(maxF + 1);
            int f0 = rng.nextInt(coefficients - f + 1);
            for (int t = 0; t < frames; t++) {
                int base = offset + t * coefficients;
                java.util.Arrays.fill(features, base + f0, base + f0 + f, fill);
            }
        }
        int maxT = Math.min(settings.timeMaskWidth(), (int) Math.floor(settings.timeMaskMaxFraction() * frames));
        for (int m = 0; m < settings.timeMasks(); m++) {
            int t = rng.nextInt(maxT + 1);
            int t0 = rng.nextInt(frames - t + 1);
            java.util.Arrays.fill(features, offset + t0 * coefficients, offset + (t0 + t) * coefficients, fill);
        }
    }
}
