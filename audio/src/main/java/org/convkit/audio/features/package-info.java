/**
 * Framing, log-mel spectrogram and MFCC.
 *
 * <p>{@link org.convkit.audio.features.FeatureSettings} is the immutable, Jackson-serialisable
 * description of the front end that travels inside saved models;
 * {@link org.convkit.audio.features.LogMelSpectrogram} and {@link org.convkit.audio.features.Mfcc}
 * are the runtimes that compute from float samples into caller-owned, time-major buffers
 * (frame t, coefficient c at {@code t * coefficients + c}). The FFT is TarsosDSP's
 * {@code be.tarsos.dsp.util.fft.FFT}; the mel filterbank and DCT are built here. TarsosDSP's own
 * MFCC class is not used: the 2.4 build on Maven carries a filter-bank defect fixed upstream in
 * 2019 (centre frequencies shifted by one band, first coefficient too large), and it offers neither
 * the Slaney scale nor librosa's conventions.
 * {@code audio/FEATURES.md} states exactly what each setting computes.
 */
package org.convkit.audio.features;
