package org.convkit.audio.features;

import java.util.Objects;

/**
 * Triangular mel filterbank over the non-negative DFT bins, built as librosa's
 * {@code filters.mel} and Slaney's Auditory Toolbox do.
 *
 * <p>melBands + 2 edge frequencies f[0..melBands+1] are spaced evenly on the mel scale from
 * minFrequency to maxFrequency. Bin k has frequency k * sampleRate / fftSize. Filter m (0-based)
 * rises from f[m] to a peak of 1 at f[m+1] and falls to f[m+2]:
 * {@code w[m][k] = max(0, min((fk - f[m]) / (f[m+1] - f[m]), (f[m+2] - fk) / (f[m+2] - f[m+1])))},
 * then, with {@link FilterbankNormalisation#SLANEY}, is multiplied by 2 / (f[m+2] - f[m]).
 * Weights are computed and applied in double precision. A filter narrower than the bin spacing
 * may contain no bin and then always outputs 0 (as in librosa, which warns about it).
 *
 * <p>Immutable and thread-safe.
 */
public final class MelFilterbank {

    private final int bins;
    private final double[] edges;
    private final int[] firstBin;
    private final double[][] weights;

    /**
     * Builds the filterbank the settings describe (sampleRate, fftSize, melBands, minFrequency,
     * maxFrequency, melScale, filterbankNormalisation).
     *
     * @param settings front-end settings
     */
    public MelFilterbank(FeatureSettings settings) {
        Objects.requireNonNull(settings, "settings");
        int bands = settings.melBands();
        MelScale scale = settings.melScale();
        this.bins = settings.spectrumBins();
        double lo = scale.hzToMel(settings.minFrequency());
        double hi = scale.hzToMel(settings.maxFrequency());
        edges = new double[bands + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = scale.melToHz(lo + (hi - lo) * i / (bands + 1));
        }
        firstBin = new int[bands];
        weights = new double[bands][];
        double binHz = (double) settings.sampleRate() / settings.fftSize();
        for (int m = 0; m < bands; m++) {
            double left = edges[m];
            double centre = edges[m + 1];
            double right = edges[m + 2];
            double scaleFactor = settings.filterbankNormalisation() == FilterbankNormalisation.SLANEY
                    ? 2.0 / (right - left) : 1.0;
            int first = -1;
            int last = -1;
            double[] row = new double[bins];
            for (int k = 0; k < bins; k++) {
                double f = k * binHz;
                double w = Math.max(0.0, Math.min((f - left) / (centre - left), (right - f) / (right - centre)));
                if (w > 0) {
                    row[k] = w * scaleFactor;
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                firstBin[m] = 0;
                weights[m] = new double[0];
            } else {
                firstBin[m] = first;
                weights[m] = java.util.Arrays.copyOfRange(row, first, last + 1);
            }
        }
    }

    /**
     * Number of filters.
     *
     * @return melBands
     */
    public int bands() {
        return weights.length;
    }

    /**
     * Number of spectrum bins each filter spans.
     *
     * @return fftSize / 2 + 1
     */
    public int bins() {
        return bins;
    }

    /**
     * Weight of DFT bin {@code bin} in filter {@code band}.
     *
     * @param band filter index in [0, bands)
     * @param bin  bin index in [0, bins)
     * @return the weight (0 outside the triangle)
     */
    public double weight(int band, int bin) {
        Objects.checkIndex(band, weights.length);
        Objects.checkIndex(bin, bins);
        int i = bin - firstBin[band];
        return i >= 0 && i < weights[band].length ? weights[band][i] : 0.0;
    }

    /**
     * The filter edge frequencies f[0..melBands+1]: filter m spans f[m]..f[m+2], peaking at f[m+1].
     *
     * @return a new array of melBands + 2 frequencies in Hz
     */
    public double[] edgeFrequencies() {
        return edges.clone();
    }

    /**
     * Applies the filters to one spectrum: {@code out[outOffset + m] = sum_k w[m][k] spectrum[k]}.
     *
     * @param spectrum  bins() magnitude or power values
     * @param out       destination
     * @param outOffset index of band 0 in {@code out}
     */
    public void apply(float[] spectrum, float[] out, int outOffset) {
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            int k0 = firstBin[m];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * spectrum[k0 + i];
            }
            out[outOffset + m] = (float) sum;
        }
    }

    /** As {@link #apply} but into doubles, for the runtimes' internal pipeline. */
    void applyDouble(float[] spectrum, double[] out) {
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            int k0 = firstBin[m];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * spectrum[k0 + i];
            }
            out[m] = sum;
        }
    }
}
