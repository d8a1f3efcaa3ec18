package org.convkit.audio.features;

/**
 * DCT-II matrix of {@code outputs} x {@code inputs}:
 * y[k] = s(k) sum_n x[n] cos(pi k (2n + 1) / (2N)) with s from {@link DctNormalisation}.
 * The first {@code outputs} rows only, so truncating the cepstrum costs nothing.
 */
final class Dct {

    private final int inputs;
    private final int outputs;
    private final double[] matrix;

    Dct(int inputs, int outputs, DctNormalisation normalisation) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.matrix = new double[inputs * outputs];
        for (int k = 0; k < outputs; k++) {
            double s = switch (normalisation) {
                case ORTHONORMAL -> Math.sqrt((k == 0 ? 1.0 : 2.0) / inputs);
                case NONE -> 2.0;
            };
            for (int n = 0; n < inputs; n++) {
                matrix[k * inputs + n] = s * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * inputs));
            }
        }
    }

    void apply(double[] x, int xOffset, float[] out, int outOffset) {
        for (int k = 0; k < outputs; k++) {
            int row = k * inputs;
            double sum = 0;
            for (int n = 0; n < inputs; n++) {
                sum += matrix[row + n] * x[xOffset + n];
            }
            out[outOffset + k] = (float) sum;
        }
    }
}
