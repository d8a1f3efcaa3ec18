package org.convkit.audio.features;

import java.util.Objects;

/**
 * Complete description of the spectral front end: framing, spectrum, mel filterbank, log
 * compression, DCT and normalisation. Immutable and serialisable with Jackson as a flat JSON object
 * of numbers and enum names (one key per component below), so a saved model can carry the exact
 * front end it was trained with. The computation lives in {@link LogMelSpectrogram} and
 * {@link Mfcc}; {@code audio/FEATURES.md} describes every step.
 *
 * <p><b>Framing.</b> The signal of n samples is padded with {@code fftSize/2} samples at both ends
 * ({@link #padding()}), and frame t takes {@code fftSize} padded samples starting at
 * {@code t * hopLength}; the periodic Hann window w[i] = 0.5 - 0.5 cos(2 pi i / windowLength) of
 * {@code windowLength} samples sits in the middle of that frame (offset
 * {@code (fftSize - windowLength) / 2}), the rest is zero. Frame t is therefore centred on input
 * sample {@code t * hopLength}, and there are {@code 1 + n / hopLength} frames (integer division):
 * 16000 samples give 101 frames with the defaults. This is librosa's {@code center=True} framing.
 *
 * <p><b>Defaults</b> ({@link #defaults()}), the keyword-spotting set-up of Honk and the Speech
 * Commands baselines: 16 kHz, FFT 512, 480-sample (30 ms) Hann window, 160-sample (10 ms) hop, zero
 * padding, 40 mel bands from 20 Hz to 4 kHz on the Slaney scale with Slaney area normalisation,
 * power spectrum, ln(x + 1e-6), 40 cepstra from an orthonormal DCT-II, no normalisation.
 *
 * @param sampleRate              expected sample rate of the input in Hz (16000)
 * @param fftSize                 DFT length in samples, even, &gt;= windowLength (512)
 * @param windowLength            Hann window length in samples, &gt;= 2 (480 = 30 ms)
 * @param hopLength               frame step in samples, &gt;= 1 (160 = 10 ms)
 * @param padding                 how the signal is extended for centred framing (ZERO)
 * @param minFrequency            lower edge of the lowest mel filter in Hz, &gt;= 0 (20)
 * @param maxFrequency            upper edge of the highest mel filter in Hz, &lt;= sampleRate/2 (4000)
 * @param melBands                number of mel filters, &gt;= 1 (40)
 * @param cepstra                 number of DCT coefficients kept by {@link Mfcc}, 1..melBands (40)
 * @param melScale                Hz-to-mel mapping (SLANEY)
 * @param filterbankNormalisation filter scaling (SLANEY)
 * @param spectrum                magnitude or power spectrum (POWER)
 * @param logCompression          ln(x + logOffset) or decibels (LOG_OFFSET)
 * @param logOffset               additive floor for LOG_OFFSET, &gt; 0 (1e-6)
 * @param amin                    floor for DECIBEL: log10(max(x, amin)), &gt; 0 (1e-10)
 * @param topDb                   DECIBEL dynamic range in dB below the utterance maximum, &gt;= 0;
 *                                0 disables the clamp (0 in the defaults, 80 in librosa's)
 * @param dct                     DCT-II scaling used by {@link Mfcc} (ORTHONORMAL)
 * @param normalisation           normalisation of the output features (NONE)
 */
public record FeatureSettings(int sampleRate, int fftSize, int windowLength, int hopLength,
                              FramePadding padding, double minFrequency, double maxFrequency,
                              int melBands, int cepstra, MelScale melScale,
                              FilterbankNormalisation filterbankNormalisation, SpectrumType spectrum,
                              LogCompression logCompression, double logOffset, double amin,
                              double topDb, DctNormalisation dct, FeatureNormalisation normalisation) {

    /** Validates every field; the message names the field and the accepted range. */
    public FeatureSettings {
        positive("sampleRate", sampleRate);
        if (fftSize < 2 || fftSize % 2 != 0) {
            throw new IllegalArgumentException("fftSize must be even and >= 2, was " + fftSize);
        }
        if (windowLength < 2 || windowLength > fftSize) {
            throw new IllegalArgumentException("windowLength must be in [2, fftSize=" + fftSize
                    + "], was " + windowLength);
        }
        positive("hopLength", hopLength);
        Objects.requireNonNull(padding, "padding must not be null");
        if (!(minFrequency >= 0) || Double.isInfinite(minFrequency)) {
            throw new IllegalArgumentException("minFrequency must be >= 0 Hz, was " + minFrequency);
        }
        if (!(maxFrequency > minFrequency) || maxFrequency > sampleRate / 2.0) {
            throw new IllegalArgumentException("maxFrequency must be in (minFrequency=" + minFrequency
                    + ", sampleRate/2=" + sampleRate / 2.0 + "] Hz, was " + maxFrequency);
        }
        positive("melBands", melBands);
        if (cepstra < 1 || cepstra > melBands) {
            throw new IllegalArgumentException("cepstra must be in [1, melBands=" + melBands
                    + "], was " + cepstra);
        }
        Objects.requireNonNull(melScale, "melScale must not be null");
        Objects.requireNonNull(filterbankNormalisation, "filterbankNormalisation must not be null");
        Objects.requireNonNull(spectrum, "spectrum must not be null");
        Objects.requireNonNull(logCompression, "logCompression must not be null");
        if (!(logOffset > 0) || Double.isInfinite(logOffset)) {
            throw new IllegalArgumentException("logOffset must be a finite value > 0, was " + logOffset);
        }
        if (!(amin > 0) || Double.isInfinite(amin)) {
            throw new IllegalArgumentException("amin must be a finite value > 0, was " + amin);
        }
        if (!(topDb >= 0) || Double.isInfinite(topDb)) {
            throw new IllegalArgumentException("topDb must be finite and >= 0 (0 disables it), was " + topDb);
        }
        Objects.requireNonNull(dct, "dct must not be null");
        Objects.requireNonNull(normalisation, "normalisation must not be null");
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    /**
     * The keyword-spotting defaults (Honk / Speech Commands): 16 kHz, FFT 512, 480-sample Hann
     * window, hop 160, zero padding, 40 Slaney mel bands 20-4000 Hz with Slaney normalisation, power
     * spectrum, ln(x + 1e-6), 40 orthonormal cepstra, no normalisation. 1 s gives 101 x 40 features.
     *
     * @return the default settings
     */
    public static FeatureSettings defaults() {
        return new FeatureSettings(16000, 512, 480, 160, FramePadding.ZERO, 20.0, 4000.0, 40, 40,
                MelScale.SLANEY, FilterbankNormalisation.SLANEY, SpectrumType.POWER,
                LogCompression.LOG_OFFSET, 1e-6, 1e-10, 0.0, DctNormalisation.ORTHONORMAL,
                FeatureNormalisation.NONE);
    }

    /**
     * Settings that reproduce librosa (0.10 and later) with the given arguments:
     * {@code S = librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=sampleRate,
     * n_fft=fftSize, hop_length=hopLength, n_mels=melBands, fmin=minFrequency, fmax=maxFrequency))}
     * (the log-mel) and {@code librosa.feature.mfcc(S=S, n_mfcc=cepstra)}: Hann window of length
     * fftSize, centred framing with zero padding, Slaney mel scale and normalisation, power
     * spectrum, 10 log10(max(x, 1e-10)) with top_db = 80, orthonormal DCT-II. (librosa before 0.10
     * padded by reflection: use {@code .withPadding(FramePadding.REFLECT)}.)
     *
     * @param sampleRate   sr in Hz
     * @param fftSize      n_fft (and win_length)
     * @param hopLength    hop_length
     * @param melBands     n_mels
     * @param cepstra      n_mfcc
     * @param minFrequency fmin in Hz
     * @param maxFrequency fmax in Hz
     * @return the settings
     */
    public static FeatureSettings librosa(int sampleRate, int fftSize, int hopLength, int melBands,
                                          int cepstra, double minFrequency, double maxFrequency) {
        return new FeatureSettings(sampleRate, fftSize, fftSize, hopLength, FramePadding.ZERO,
                minFrequency, maxFrequency, melBands, cepstra, MelScale.SLANEY,
                FilterbankNormalisation.SLANEY, SpectrumType.POWER, LogCompression.DECIBEL, 1e-6,
                1e-10, 80.0, DctNormalisation.ORTHONORMAL, FeatureNormalisation.NONE);
    }

    /**
     * Number of frames for an input of {@code samples} samples: {@code 1 + samples / hopLength}.
     *
     * @param samples input length, &gt;= 1
     * @return frame count (101 for 16000 samples with the defaults)
     */
    public int frameCount(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("need at least 1 sample, got " + samples);
        }
        return 1 + samples / hopLength;
    }

    /**
     * Number of non-negative-frequency DFT bins, {@code fftSize / 2 + 1}.
     *
     * @return bins (257 for FFT 512)
     */
    public int spectrumBins() {
        return fftSize / 2 + 1;
    }

    /**
     * Copy with {@link #sampleRate()} replaced.
     *
     * @param v new value
     * @return the copy
     */
    public FeatureSettings withSampleRate(int v) {
        return new FeatureSettings(v, fftSize, windowLength, hopLength, padding, minFrequency, maxFrequency, melBands, cepstra, melScale, filterbankNormalisation, spectrum, logCompression, logOffset, amin, topDb, dct, normalisation);
    }

    /**
     * Copy with {@link #fftSize()} replaced.
     *
     * @param v new value
     * @return the copy
     */
    public FeatureSettings withFftSize(int v) {
        return new FeatureSettings(sampleRate, v, windowLength, hopLength, padding, minFrequency, maxFrequency, melBands, cepstra, melScale, filterbankNormalisation, spectrum, logCompression, logOffset, amin, topDb, dct, normalisation);
    }

    /**
     * Copy with {@link #windowLength()} replaced.
     *
     * @param v new value
     * @return the copy
     */
    public FeatureSettings withWindowLength(int v) {
        return new FeatureSettings(sampleRate, fftSize, v, hopLength, padding, minFrequency, maxFrequency, melBands, cepstra, melScale, filterbankNormalisation, spectrum, logCompression, logOffset, amin, topDb, dct, normalisation);
    }

    /**
     * Copy with {@link #hopLength()} replaced.
     *
     * @param v new value
     * @return the copy
     */
    public FeatureSettings withHopLength(int v) {
        return new FeatureSettings(sampleRate, fftSize, windowLength, v, padding, minFrequency, maxFrequency, melBands, cepstra, melScale, filterbankNormalisation, spectrum, logCompression, logOffset, amin, topDb, dct, normalisation);
    }

    /**
     * Copy with {@link #padding()} replaced.
     *
     * @param v new value
     * @return the copy
     */
    public FeatureSettings withPadding(FramePadding v) {
        return new FeatureSettings(sampleRate, fftSize, windowLength, hopLength, v, minFrequency, maxFrequency, melBands, cepstra, melScale, filterbankNormalisation, spectrum, logCompression, logOffset, amin, topDb, dct, normalisation);
    }

    /**
     * Copy with the filterbank's frequency range replaced.
     *
     * @param min new {@link #minFrequency()} in Hz
     * @param max new {@link #maxFrequency()} in Hz
     * @return a copy with the filterbank's frequency range replaced
     */
    public FeatureSettings withFrequencyRange(double min, double max) {
        return new FeatureSettings(sampleRate, fftSize, windowLength, hopLength, padding, min, max, melBands, cepstra, melScale, filterbankNormalisation, spectrum, logCompression, logOffset, amin, topDb, dct, normalisation);
    }

    /**
     * Copy with the number of mel bands and cepstra replaced.
     *
     * @param bands new {@link #melBands()}
     * @param ceps  new {@link #cepstra()}
     * @return a copy with the number of mel bands and cepstra replaced
     */
    public FeatureSettings withBands(int bands, int ceps) {
        return new FeatureSettings(sampleRate, fftSize, windowLength, hopLength, padding, minFrequency, maxFrequency, bands, ceps, melScale, filterbankNormalisation, spectrum, logCompression, logOffset, amin, topDb, dct, normalisation);
    }

    /**
     * Copy with {@link #melScale()} replaced.
     *
     * @param v new value
     * @return the copy
     */
    public FeatureSettings withMelScale(MelScale v) {
        return new FeatureSettings(sampleRate, fftSize, windowLength, hopLength, padding, minFrequency, maxFrequency, melBands, cepstra, v, filterbankNormalisation, spectrum, logCompression, logOffset, amin, topDb, dct, normalisation);
    }

    /**
     * Copy with {@link #filterbankNormalisation()} replaced.
     *
     * @param v new value
     * @return the copy
     */
    public FeatureSettings withFilterbankNormalisation(FilterbankNormalisation v) {
        return new FeatureSettings(sampleRate, fftSize, windowLength, hopLength, padding, minFrequency, maxFrequency, melBands, cepstra, melScale, v, spectrum, logCompression, logOffset, amin, topDb, dct, normalisation);
    }

    /**
     * Copy with {@link #spectrum()} replaced.
     *
     * @param v new value
     * @return the copy
     */
    public FeatureSettings withSpectrum(SpectrumType v) {
        return new FeatureSettings(sampleRate, fftSize, windowLength, hopLength, padding, minFrequency, maxFrequency, melBands, cepstra, melScale, filterbankNormalisation, v, logCompression, logOffset, amin, topDb, dct, normalisation);
    }

    /**
     * Copy that compresses with ln(x + offset).
     *
     * @param offset new {@link #logOffset()}
     * @return a copy using {@link LogCompression#LOG_OFFSET} with that offset
     */
    public FeatureSettings withLogOffset(double offset) {
        return new FeatureSettings(sampleRate, fftSize, windowLength, hopLength, padding, minFrequency, maxFrequency, melBands, cepstra, melScale, filterbankNormalisation, spectrum, LogCompression.LOG_OFFSET, offset, amin, topDb, dct, normalisation);
    }

    /**
     * Copy that compresses to decibels.
     *
     * @param minimum new {@link #amin()}
     * @param range   new {@link #topDb()}, 0 for no clamp
     * @return a copy using {@link LogCompression#DECIBEL} with that floor and range
     */
    public FeatureSettings withDecibels(double minimum, double range) {
        return new FeatureSettings(sampleRate, fftSize, windowLength, hopLength, padding, minFrequency, maxFrequency, melBands, cepstra, melScale, filterbankNormalisation, spectrum, LogCompression.DECIBEL, logOffset, minimum, range, dct, normalisation);
    }

    /**
     * Copy with {@link #dct()} replaced.
     *
     * @param v new value
     * @return the copy
     */
    public FeatureSettings withDct(DctNormalisation v) {
        return new FeatureSettings(sampleRate, fftSize, windowLength, hopLength, padding, minFrequency, maxFrequency, melBands, cepstra, melScale, filterbankNormalisation, spectrum, logCompression, logOffset, amin, topDb, v, normalisation);
    }

    /**
     * Copy with {@link #normalisation()} replaced.
     *
     * @param v new value
     * @return the copy
     */
    public FeatureSettings withNormalisation(FeatureNormalisation v) {
        return new FeatureSettings(sampleRate, fftSize, windowLength, hopLength, padding, minFrequency, maxFrequency, melBands, cepstra, melScale, filterbankNormalisation, spectrum, logCompression, logOffset, amin, topDb, dct, v);
    }
}
