/**
 * Seeded training-time augmentation on fixed-length clips and feature matrices: random time shift
 * ({@link org.convkit.audio.augment.TimeShift}), background-noise mixing
 * ({@link org.convkit.audio.augment.BackgroundNoiseMixer}) as TensorFlow's speech_commands
 * {@code train.py} does it, SpecAugment time and frequency masking
 * ({@link org.convkit.audio.augment.SpecAugment}, Park et al. 2019), and the dataset-level
 * silence/unknown proportions ({@link org.convkit.audio.augment.ExampleMix}).
 *
 * <p>Every random choice is drawn from a {@link java.util.random.RandomGenerator} the caller
 * passes in (e.g. a {@link java.util.SplittableRandom} seeded per example), in an order each
 * class documents, so the same seed gives the same output.
 */
package org.convkit.audio.augment;
