package org.convkit.nn;

import java.util.SplittableRandom;

/**
 * Weight initialisers. Fan-in and fan-out count the inputs and outputs of one unit
 * (for a conv filter: {@code inChannels*kh*kw} and {@code outChannels*kh*kw}).
 */
public enum Init {
    /** PyTorch's default for conv and dense weights: kaiming_uniform with a = sqrt(5), i.e. U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    PYTORCH_DEFAULT,
    /** He et al. 2015, uniform: U(-sqrt(6/fanIn), sqrt(6/fanIn)). */
    HE_UNIFORM,
    /** He et al. 2015, normal: N(0, 2/fanIn). */
    HE_NORMAL,
    /** Glorot and Bengio 2010, uniform: U(-sqrt(6/(fanIn+fanOut)), +). */
    GLOROT_UNIFORM,
    /** Glorot and Bengio 2010, normal: N(0, 2/(fanIn+fanOut)). */
    GLOROT_NORMAL,
    /** Standard normal N(0, 1) (PyTorch's default for embeddings). */
    NORMAL,
    /** U(-0.25, 0.25): Kim (2014)'s initialisation of word vectors not found in the pretrained set. */
    UNIFORM_025,
    /** All zeros. */
    ZEROS,
    /** All ones. */
    ONES;

    /** Fills {@code w} from {@code rng}. */
    public void fill(float[] w, int n, int fanIn, int fanOut, SplittableRandom rng) {
        switch (this) {
            case PYTORCH_DEFAULT -> uniform(w, n, 1.0 / Math.sqrt(fanIn), rng);
            case HE_UNIFORM -> uniform(w, n, Math.sqrt(6.0 / fanIn), rng);
            case HE_NORMAL -> normal(w, n, Math.sqrt(2.0 / fanIn), rng);
            case GLOROT_UNIFORM -> uniform(w, n, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
            case GLOROT_NORMAL -> normal(w, n, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
            case NORMAL -> normal(w, n, 1.0, rng);
            case UNIFORM_025 -> uniform(w, n, 0.25, rng);
            case ZEROS -> java.util.Arrays.fill(w, 0, n, 0f);
            case ONES -> java.util.Arrays.fill(w, 0, n, 1f);
        }
    }

    private static void uniform(float[] w, int n, double bound, SplittableRandom rng) {
        for (int i = 0; i < n; i++) w[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
    }

    private static void normal(float[] w, int n, double std, SplittableRandom rng) {
        // Box-Muller from the seeded stream, so values do not depend on java.util.Random's state.
        for (int i = 0; i < n; i += 2) {
            double u1 = 1.0 - rng.nextDouble(), u2 = rng.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1)) * std;
            w[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < n) w[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
        }
    }
}
