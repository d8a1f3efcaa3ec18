package org.convkit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Batch normalisation's run of one channel: the vector path gives the scalar formula's bits. */
class NormalizeTest {

    @Test
    void givesTheBitsOfTheDoubleFormulaOnAnyRun() {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 4)));
        x[5] = -0f;
        x[6] = 0f;
        x[7] = Float.NaN;
        x[8] = Float.POSITIVE_INFINITY;
        x[9] = Float.MIN_VALUE;
        double[][] settings = {{0, 1, 1, 0}, {0.37, 1 / Math.sqrt(2.5 + 1e-5), 1, 0}, {-1.5, 3.1, 0.7, -0.2}, {x[3], 1e-3, -2, 5}};
        for (double[] s : settings) {
            for (int from : new int[] {0, 1, 7}) {
                for (int to : new int[] {from, from + 5, 997, 1000}) {
                    float[] y = new float[x.length];
                    Normalize.apply(x, y, from, to, s[0], s[1], s[2], s[3]);
                    for (int k = 0; k < x.length; k++) {
                        float expected = 0f;
                        if (k >= from && k < to) {
                            float h = (float) ((x[k] - s[0]) * s[1]);
                            expected = (float) (s[2] * h + s[3]);
                        }
                        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(y[k]),
                                "element " + k + " of [" + from + ", " + to + ") with " + java.util.Arrays.toString(s));
                    }
                }
            }
        }
    }
}
