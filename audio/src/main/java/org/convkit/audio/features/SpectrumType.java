package org.convkit.audio.features;

/** Which spectrum the mel filters weight. */
public enum SpectrumType {
    /** |X[k]|, the DFT magnitude (librosa {@code power=1.0}). */
    MAGNITUDE,
    /** |X[k]|^2, the power spectrum (librosa {@code power=2.0}, its default). No 1/N scaling. */
    POWER
}
