package org.convkit.audio.features;

/** Scaling of each triangular mel filter. */
public enum FilterbankNormalisation {
    /** Triangles of peak height 1 (HTK, librosa {@code norm=None}). */
    NONE,
    /**
     * Slaney's area normalisation (librosa {@code norm='slaney'}, its default): filter m is
     * multiplied by 2 / (f[m+2] - f[m]) with the edge frequencies f in Hz, giving every triangle unit
     * area in Hz so that wide high-frequency filters do not collect more energy from white noise.
     */
    SLANEY
}
