package org.convkit.audio.features;

/** How mel energies are compressed. */
public enum LogCompression {
    /**
     * ln(x + logOffset): natural log with an additive floor, so zero energy stays finite (with the
     * default offset 1e-6, digital silence becomes ln(1e-6) = -13.8155).
     */
    LOG_OFFSET,
    /**
     * Decibels as librosa's {@code power_to_db} / {@code amplitude_to_db} with {@code ref=1}:
     * 10 log10(max(x, amin)) for a power spectrum, 20 log10(max(x, amin)) for a magnitude spectrum;
     * then, if {@code topDb > 0}, every value is raised to at least (maximum over the utterance -
     * topDb).
     */
    DECIBEL
}
