package org.convkit.audio.features;

/** Scaling of the DCT-II that turns N log-mel values x[n] into cepstra y[k]. */
public enum DctNormalisation {
    /**
     * Orthonormal DCT-II (scipy {@code norm='ortho'}, librosa's MFCC default):
     * y[k] = s(k) sum_n x[n] cos(pi k (2n + 1) / (2N)), s(0) = sqrt(1/N), s(k) = sqrt(2/N).
     */
    ORTHONORMAL,
    /**
     * Unnormalised DCT-II in scipy's convention ({@code norm=None}):
     * y[k] = 2 sum_n x[n] cos(pi k (2n + 1) / (2N)).
     */
    NONE
}
