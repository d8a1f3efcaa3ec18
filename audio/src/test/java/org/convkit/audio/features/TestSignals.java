package org.convkit.audio.features;

/** Deterministic test signals shared by the feature tests. */
final class TestSignals {

    private TestSignals() {
    }

    /**
     * The signal of reference_features.py, sample for sample: 150 ms of zeros, then
     * 0.4 sin(2 pi 440 n / 16000) + 0.2 (n / 16000) sin(2 pi 1000 n / 16000 + 0.3) + 0.05 u[n],
     * u from the LCG state' = 1664525 state + 1013904223 mod 2^32 (seed 12345), top 24 bits
     * scaled to [-1, 1); computed in double and rounded to float as numpy's astype(float32).
     */
    static float[] referenceSignal() {
        int n = 16000;
        float[] x = new float[n];
        long state = 12345;
        for (int i = 0; i < n; i++) {
            state = (1664525L * state + 1013904223L) & 0xFFFFFFFFL;
            double u = ((state >>> 8) / 16777216.0) * 2.0 - 1.0;
            double v = 0.4 * StrictMath.sin(2 * Math.PI * 440 * i / 16000.0)
                    + 0.2 * (i / (double) n) * StrictMath.sin(2 * Math.PI * 1000 * i / 16000.0 + 0.3)
                    + 0.05 * u;
            x[i] = i < 2400 ? 0f : (float) v;
        }
        return x;
    }

    /** amplitude * sin(2 pi f n / rate) for n in [0, count). */
    static float[] sine(double frequency, int rate, int count, double amplitude) {
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return x;
    }
}
