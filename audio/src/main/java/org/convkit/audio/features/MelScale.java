package org.convkit.audio.features;

/** The frequency-to-mel mapping that places the triangular filters. */
public enum MelScale {
    /**
     * Slaney's Auditory Toolbox scale (librosa's default, {@code htk=False}): linear below 1 kHz
     * at 200/3 Hz per mel, logarithmic above with a step of ln(6.4)/27 per mel, so 1000 Hz = 15 mel.
     */
    SLANEY {
        @Override
        public double hzToMel(double hz) {
            return hz < MIN_LOG_HZ ? hz / F_SP : MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
        }

        @Override
        public double melToHz(double mel) {
            return mel < MIN_LOG_MEL ? F_SP * mel : MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
        }
    },
    /** The HTK scale (O'Shaughnessy 1987): mel = 2595 log10(1 + f / 700). */
    HTK {
        @Override
        public double hzToMel(double hz) {
            return 2595.0 * Math.log10(1.0 + hz / 700.0);
        }

        @Override
        public double melToHz(double mel) {
            return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
        }
    };

    private static final double F_SP = 200.0 / 3.0;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    /**
     * Converts a frequency to mel.
     *
     * @param hz frequency in Hz, &gt;= 0
     * @return the mel value on this scale
     */
    public abstract double hzToMel(double hz);

    /**
     * Converts a mel value back to a frequency.
     *
     * @param mel mel value on this scale
     * @return frequency in Hz
     */
    public abstract double melToHz(double mel);
}
