package org.convkit.corpora.synth;

/**
 * Band-limited sample-rate conversion by a Kaiser-windowed sinc (the textbook polyphase method, as in
 * Smith's "Digital Audio Resampling"). For a rational ratio the filter for each of the output phases
 * is tabulated once. The cutoff is 95 % of the lower Nyquist frequency; 16 zero crossings per side;
 * Kaiser beta 8 (stop-band attenuation about 80 dB).
 */
final class Resampler {

    private static final double ZERO_CROSSINGS = 16;
    private static final double BETA = 8.0;
    private static final double CUTOFF = 0.95;

    private final int up;
    private final int down;
    private final int half;
    private final double[][] table;

    /**
     * Prepares a converter.
     *
     * @param inputRate  input rate in Hz
     * @param outputRate output rate in Hz
     */
    Resampler(int inputRate, int outputRate) {
        int g = gcd(inputRate, outputRate);
        this.up = outputRate / g;
        this.down = inputRate / g;
        double fc = Math.min(1.0, outputRate / (double) inputRate) * CUTOFF; // cutoff as a fraction of input Nyquist
        double halfWidth = ZERO_CROSSINGS / fc;
        this.half = (int) Math.ceil(halfWidth);
        this.table = new double[up][2 * half];
        double i0Beta = besselI0(BETA);
        for (int p = 0; p < up; p++) {
            double frac = p / (double) up;
            double sum = 0;
            for (int j = 0; j < 2 * half; j++) {
                double x = (j - half + 1) - frac; // input sample position relative to the output time
                double u = x / halfWidth;
                double w = Math.abs(u) >= 1 ? 0 : besselI0(BETA * Math.sqrt(1 - u * u)) / i0Beta;
                double h = fc * sinc(fc * x) * w;
                table[p][j] = h;
                sum += h;
            }
            for (int j = 0; j < 2 * half; j++) {
                table[p][j] /= sum; // unit gain at 0 Hz
            }
        }
    }

    /**
     * Converts a signal; samples outside the input are taken as zero.
     *
     * @param input the samples at the input rate
     * @return {@code floor(input.length * up / down)} samples at the output rate
     */
    float[] apply(float[] input) {
        if (up == down) {
            return input.clone();
        }
        int outLength = (int) ((long) input.length * up / down);
        float[] out = new float[outLength];
        for (int n = 0; n < outLength; n++) {
            long position = (long) n * down;
            int k = (int) (position / up);
            int phase = (int) (position % up);
            double[] taps = table[phase];
            double acc = 0;
            int first = k - half + 1;
            for (int j = 0; j < taps.length; j++) {
                int i = first + j;
                if (i >= 0 && i < input.length) {
                    acc += taps[j] * input[i];
                }
            }
            out[n] = (float) acc;
        }
        return out;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1;
        }
        return Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
