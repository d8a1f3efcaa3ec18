package org.convkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    @Test
    void channelsLastInputsAndANormalisationGiveTheBitsOfTheStepsApart() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 2, channels = 45, plane = 203; // more cells than one chunk, channels off the vector width
        Tensor x = Tensor.zeros(n, channels, plane, 1);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) (r.nextGaussian() * 10);
        x.data()[7] = -0f;
        for (boolean unit : new boolean[]{true, false}) {
            org.convkit.ops.ChannelNorm norm = new org.convkit.ops.ChannelNorm(channels);
            for (int c = 0; c < channels; c++) {
                norm.set(c, r.nextDouble() - 0.5, 0.5 + r.nextDouble(), unit ? 1 : r.nextDouble() * 2, unit ? 0 : r.nextDouble());
            }
            // the steps apart: normalise each channel's plane, then average
            Tensor xn = Tensor.zeros(n, channels, plane, 1);
            for (int k = 0; k < n * channels; k++) norm.apply(x.data(), xn.data(), k * plane, (k + 1) * plane, k % channels);
            GlobalPoolRuntime pool = new GlobalPoolRuntime(false, channels, plane, 1, 1, channels * plane);
            Tensor want = Tensor.zeros(n, channels), plain = Tensor.zeros(n, channels);
            pool.forward(new Tensor[]{xn}, want, false);
            pool.forward(new Tensor[]{x}, plain, false);
            // the same maps channels-last
            Tensor last = Tensor.zeros(n, channels, plane, 1);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    for (int p = 0; p < plane; p++) {
                        last.data()[(i * plane + p) * channels + c] = x.data()[(i * channels + c) * plane + p];
                    }
                }
            }
            Tensor got = Tensor.zeros(n, channels);
            pool.inferenceFused(last, got, norm, true);
            assertArrayEquals(want.toArray(), got.toArray(), "channels-last, normalised, unit " + unit);
            pool.inferenceFused(x, got, norm, false);
            assertArrayEquals(want.toArray(), got.toArray(), "channels-first, normalised, unit " + unit);
            pool.inferenceFused(last, got, null, true);
            assertArrayEquals(plain.toArray(), got.toArray(), "channels-last");
        }
    }
}
