/**
 * Speech front end of convkit: from audio files to the feature matrices that keyword-spotting
 * CNNs consume.
 *
 * <ul>
 *   <li>{@link org.convkit.audio.io} decodes WAV (and AIFF/AU) to float PCM, mixes down to mono and
 *       resamples;</li>
 *   <li>{@link org.convkit.audio.features} frames the signal and computes log-mel spectrograms and
 *       MFCCs from settings that travel inside saved models;</li>
 *   <li>{@link org.convkit.audio.augment} holds the seeded training-time augmentations;</li>
 *   <li>{@link org.convkit.audio.cache} keeps computed features across epochs;</li>
 *   <li>{@link org.convkit.audio.ClipFeaturizer} ties decoding and feature extraction together for
 *       one fixed-length clip;</li>
 *   <li>{@link org.convkit.audio.kws} holds the keyword-spotting models, training and evaluation;</li>
 *   <li>{@link org.convkit.audio.stream} detects keywords in a stream and evaluates that.</li>
 * </ul>
 * See {@code audio/FEATURES.md} for exactly what each feature setting computes and
 * {@code audio/KWS.md} for the models, training and streaming.
 */
package org.convkit.audio;
