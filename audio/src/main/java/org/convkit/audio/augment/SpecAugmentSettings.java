package org.convkit.audio.augment;

import java.util.Objects;

/**
 * Parameters of SpecAugment's masking (Park et al. 2019, "SpecAugment: A Simple Data Augmentation
 * Method for Automatic Speech Recognition", section 2). Time warping (W) is not implemented.
 * Serialisable with Jackson. Park et al.'s LibriSpeech policies for 80 filterbank channels were
 * LB: F=27, mF=1, T=100, p=1.0, mT=1 and LD: F=27, mF=2, T=100, p=1.0, mT=2; for 101 x 40
 * keyword-spotting inputs smaller values are usual and must be chosen by the caller.
 *
 * @param frequencyMaskWidth F: each frequency mask covers f ~ U{0..F} consecutive coefficients
 * @param frequencyMasks     mF: number of frequency masks
 * @param timeMaskWidth      T: each time mask covers t ~ U{0..min(T, floor(p * frames))} frames
 * @param timeMasks          mT: number of time masks
 * @param timeMaskMaxFraction p: upper bound on a time mask as a fraction of the frames, in (0, 1]
 * @param fill               value written into masked cells
 */
public record SpecAugmentSettings(int frequencyMaskWidth, int frequencyMasks, int timeMaskWidth,
                                  int timeMasks, double timeMaskMaxFraction, MaskFill fill) {

    /** What masked cells are set to. */
    public enum MaskFill {
        /** 0, as in Park et al. (whose features are normalised to zero mean). */
        ZERO,
        /** The mean of the whole matrix before masking, neutral for un-normalised log-mel. */
        MEAN
    }

    /** Validates the parameters; the message names the field. */
    public SpecAugmentSettings {
        nonNegative("frequencyMaskWidth", frequencyMaskWidth);
        nonNegative("frequencyMasks", frequencyMasks);
        nonNegative("timeMaskWidth", timeMaskWidth);
        nonNegative("timeMasks", timeMasks);
        if (!(timeMaskMaxFraction > 0 && timeMaskMaxFraction <= 1)) {
            throw new IllegalArgumentException("timeMaskMaxFraction must be in (0, 1], was " + timeMaskMaxFraction);
        }
        Objects.requireNonNull(fill, "fill must not be null");
    }

    private static void nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + v);
        }
    }
}
