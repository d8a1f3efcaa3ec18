package org.convkit.audio.features;

import java.util.Objects;

/** Argument checks and the utterance-level steps shared by {@link LogMelSpectrogram} and {@link Mfcc}. */
final class ExtractorSupport {

    /** Added to the variance in per-utterance normalisation so constant coefficients map to 0. */
    static final double VARIANCE_EPSILON = 1e-10;

    private ExtractorSupport() {
    }

    static FeatureStatistics checkStatistics(FeatureSettings settings, FeatureStatistics stats, int coefficients) {
        Objects.requireNonNull(settings, "settings");
        if (settings.normalisation() == FeatureNormalisation.GLOBAL) {
            if (stats == null) {
                throw new IllegalArgumentException("normalisation GLOBAL needs FeatureStatistics of "
                        + coefficients + " coefficients, but none were given");
            }
            if (stats.size() != coefficients) {
                throw new IllegalArgumentException("FeatureStatistics have " + stats.size()
                        + " coefficients; expected " + coefficients);
            }
        } else if (stats != null) {
            throw new IllegalArgumentException("FeatureStatistics were given but normalisation is "
                    + settings.normalisation() + "; expected GLOBAL");
        }
        return stats;
    }

    /** Validates a compute call and returns the number of frames. */
    static int checkCompute(FeatureSettings s, float[] samples, int offset, int length, float[] out,
                            int outOffset, int coefficients) {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(out, "out");
        if (length < 1) {
            throw new IllegalArgumentException("no samples to analyse (length " + length
                    + "); expected at least 1");
        }
        Objects.checkFromIndexSize(offset, length, samples.length);
        if (s.padding() == FramePadding.REFLECT && length <= s.fftSize() / 2) {
            throw new IllegalArgumentException("REFLECT padding needs more than fftSize/2 = "
                    + s.fftSize() / 2 + " samples, got " + length);
        }
        int frames = s.frameCount(length);
        long need = (long) frames * coefficients;
        if (outOffset < 0 || outOffset + need > out.length) {
            throw new IllegalArgumentException("output buffer of " + out.length + " floats cannot hold "
                    + frames + " frames x " + coefficients + " coefficients at offset " + outOffset);
        }
        return frames;
    }

    static void checkFrame(FeatureSettings s, float[] samples, int start, float[] out, int outOffset,
                           int coefficients) {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(out, "out");
        Objects.checkFromIndexSize(start, s.windowLength(), samples.length);
        Objects.checkFromIndexSize(outOffset, coefficients, out.length);
    }

    static boolean clampsTopDb(FeatureSettings s) {
        return s.logCompression() == LogCompression.DECIBEL && s.topDb() > 0;
    }

    /** librosa's top_db: raise every value to at least (maximum - topDb). */
    static void clampBelowMax(double[] values, int count, double topDb) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, values[i]);
        }
        double floor = max - topDb;
        for (int i = 0; i < count; i++) {
            if (values[i] < floor) {
                values[i] = floor;
            }
        }
    }

    static void normalise(FeatureSettings settings, FeatureStatistics stats, float[] out, int offset,
                          int frames, int coefficients) {
        switch (settings.normalisation()) {
            case NONE -> {
            }
            case PER_UTTERANCE -> perUtterance(out, offset, frames, coefficients);
            case GLOBAL -> global(stats, out, offset, frames, coefficients);
        }
    }

    static void perUtterance(float[] out, int offset, int frames, int coefficients) {
        for (int c = 0; c < coefficients; c++) {
            double sum = 0;
            for (int t = 0; t < frames; t++) {
                sum += out[offset + t * coefficients + c];
            }
            double mean = sum / frames;
            double sq = 0;
            for (int t = 0; t < frames; t++) {
                double d = out[offset + t * coefficients + c] - mean;
                sq += d * d;
            }
            double scale = 1.0 / Math.sqrt(sq / frames + VARIANCE_EPSILON);
            for (int t = 0; t < frames; t++) {
                int i = offset + t * coefficients + c;
                out[i] = (float) ((out[i] - mean) * scale);
            }
        }
    }

    static void global(FeatureStatistics stats, float[] out, int offset, int frames, int coefficients) {
        for (int t = 0; t < frames; t++) {
            int base = offset + t * coefficients;
            for (int c = 0; c < coefficients; c++) {
                out[base + c] = (float) ((out[base + c] - stats.meanAt(c)) / stats.stdAt(c));
            }
        }
    }
}
