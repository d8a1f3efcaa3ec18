package org.convkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Global average pooling sums several channels at once and over the threads; each average keeps the bits of its own in-order float sum. */
class GlobalPoolRuntimeTest {

    private static void check(int n, int channels, int plane) {
        SplittableRandom r = new SplittableRandom(n * 31L + channels);
        Tensor x = Tensor.zeros(n, channels, plane, 1);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) (r.nextGaussian() * 100);
        Tensor y = Tensor.zeros(n, channels);
        GlobalPoolRuntime pool = new GlobalPoolRuntime(false, channels, plane, 1, 1, channels * plane);
        pool.forward(new Tensor[]{x}, y, false);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                float s = 0;
                for (int t = 0; t < plane; t++) s += x.data()[(i * channels + c) * plane + t];
                assertEquals(Float.floatToRawIntBits(s / plane), Float.floatToRawIntBits(y.data()[i * channels + c]),
                        n + "x" + channels + "x" + plane + " at " + i + "," + c);
            }
        }
    }

    @Test
    void averagesKeepTheBitsOfAnInOrderSum() {
        check(1, 3, 7);        // fewer outputs than a run of eight
        check(3, 5, 50);       // runs that cross examples
        check(1, 45, 4040);    // res15's pool, over the threads
        check(2, 13, 3001);    // over the threads, a partial last run
    }
}
