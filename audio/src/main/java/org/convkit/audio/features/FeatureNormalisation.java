package org.convkit.audio.features;

/** Normalisation applied to the output features (log-mel bands or cepstra), per coefficient. */
public enum FeatureNormalisation {
    /** Features are left as computed. */
    NONE,
    /**
     * Per utterance, per coefficient c over the T frames of one call:
     * (x - mean_c) / sqrt(var_c + 1e-10), with the population variance (divide by T).
     */
    PER_UTTERANCE,
    /**
     * With statistics given to the runtime ({@link FeatureStatistics}, usually measured on the
     * training set): (x - mean[c]) / std[c].
     */
    GLOBAL
}
