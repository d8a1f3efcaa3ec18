package org.convkit.ops;

import java.util.Arrays;

/**
 * Batch normalisation's inference formula per channel, {@code y = (float) (gamma * (float) ((x - mean) * invStd) + beta)}
 * (as {@link Normalize#apply} computes it), handed to a convolution that applies it to its input
 * while copying the input into its own layout. The normalised map is then never written: res15's
 * thirteen batch normalisations each wrote and read back a 727 KB map between two convolutions.
 *
 * <p>The arrays run to a multiple of 16 channels with zeros past {@link #channels()}, so a
 * channels-last copy's padding channels, which hold zeros, map to zeros.
 */
public final class ChannelNorm {
    private final int channels;
    final double[] mean, invStd, gamma, beta;

    /** A normalisation of {@code channels} channels, every channel the identity until {@link #set}. */
    public ChannelNorm(int channels) {
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        this.channels = channels;
        int padded = (channels + 15) / 16 * 16;
        mean = new double[padded];
        invStd = new double[padded];
        gamma = new double[padded];
        beta = new double[padded];
        Arrays.fill(invStd, 0, channels, 1);
        Arrays.fill(gamma, 0, channels, 1);
    }

    /** The number of channels. */
    public int channels() {
        return channels;
    }

    /** Sets channel {@code c}'s statistics and affine terms. */
    public void set(int c, double mean, double invStd, double gamma, double beta) {
        this.mean[c] = mean;
        this.invStd[c] = invStd;
        this.gamma[c] = gamma;
        this.beta[c] = beta;
        unitAffine = -1;
    }

    /** Whether every channel has gamma 1 and beta 0 (-1: not known since the last {@link #set}). */
    private volatile int unitAffine = 1;

    /**
     * Without a learned scale and shift ({@code gamma = 1, beta = 0}) the second step,
     * {@code (float) (1.0 * h + 0.0)}, is {@code h + 0f}: exact in float, and it turns -0 into +0 as
     * the double sum does. res15's normalisations have none. The threads of one convolution call
     * this at once: the answer is worked out in a local and only then published (written to the
     * field as 1 first and lowered in the loop, a second thread could read the 1 and drop the
     * scale and shift).
     */
    private boolean unitAffine() {
        int u = unitAffine;
        if (u < 0) {
            u = 1;
            for (int c = 0; c < channels && u == 1; c++) if (gamma[c] != 1 || beta[c] != 0) u = 0;
            unitAffine = u;
        }
        return u == 1;
    }

    /** Channel {@code c}'s formula on {@code x[from, to)} into {@code y}. */
    public void apply(float[] x, float[] y, int from, int to, int c) {
        Normalize.apply(x, y, from, to, mean[c], invStd[c], gamma[c], beta[c]);
    }

    /**
     * In place on {@code cells} consecutive cells of a channels-last copy from {@code at}, each
     * {@code cs} floats (channel {@code ch} at offset {@code ch}); padding channels stay zero.
     */
    void applyChannelsLast(float[] xt, int at, int cells, int cs) {
        boolean unit = unitAffine();
        if (Sgemm.VECTOR && VectorKernels.normalizeChannelsLast(xt, at, cells, cs, mean, invStd, unit ? null : gamma, beta)) {
            return;
        }
        for (int cell = 0; cell < cells; cell++) {
            int o = at + cell * cs;
            for (int ch = 0; ch < channels; ch++) {
                float h = (float) ((xt[o + ch] - mean[ch]) * invStd[ch]);
                xt[o + ch] = unit ? h + 0f : (float) (gamma[ch] * h + beta[ch]);
            }
        }
    }
}
