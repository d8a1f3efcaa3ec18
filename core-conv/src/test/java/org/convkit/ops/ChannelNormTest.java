package org.convkit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** A channels-last normalisation gives, value by value, the bits of {@link Normalize#apply} on each channel. */
class ChannelNormTest {

    @Test
    void channelsLastCellsGetEachChannelsFormulaAndPaddingStaysZero() {
        SplittableRandom r = new SplittableRandom(5);
        int channels = 20, cells = 7;
        ChannelNorm n = new ChannelNorm(channels);
        for (int c = 0; c < channels; c++) {
            n.set(c, r.nextDouble() - 0.5, 0.1 + r.nextDouble() * 4, c % 3 == 0 ? 1 : r.nextDouble() * 2 - 1, c % 3 == 0 ? 0 : r.nextDouble());
        }
        // a stride of 32 (the padded width, the vector path) and of 20 (no padding: the scalar loop)
        for (int cs : new int[]{32, 20}) {
            float[] xt = new float[3 + cells * cs];
            for (int cell = 0; cell < cells; cell++) {
                for (int c = 0; c < channels; c++) xt[3 + cell * cs + c] = (float) (r.nextGaussian() * 3);
            }
            xt[3] = Float.NaN;
            xt[3 + cs + 1] = -0f;
            xt[3 + 2 * cs + 2] = Float.POSITIVE_INFINITY;
            xt[3 + 3 * cs + 3] = Float.MIN_VALUE;
            float[] before = xt.clone();
            n.applyChannelsLast(xt, 3, cells, cs);
            for (int cell = 0; cell < cells; cell++) {
                for (int c = 0; c < cs; c++) {
                    int at = 3 + cell * cs + c;
                    float want = before[at];
                    if (c < channels) {
                        float[] one = new float[1];
                        Normalize.apply(new float[]{before[at]}, one, 0, 1, n.mean[c], n.invStd[c], n.gamma[c], n.beta[c]);
                        want = one[0];
                    }
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(xt[at]),
                            "stride " + cs + " cell " + cell + " channel " + c);
                }
            }
        }
    }

    @Test
    void aNewNormalisationIsTheIdentityAndRejectsNoChannels() {
        ChannelNorm n = new ChannelNorm(3);
        float[] x = {1.5f, -2f, 0.25f}, y = new float[3];
        for (int c = 0; c < 3; c++) n.apply(x, y, c, c + 1, c);
        assertEquals(1.5f, y[0]);
        assertEquals(-2f, y[1]);
        assertEquals(0.25f, y[2]);
        assertThrows(IllegalArgumentException.class, () -> new ChannelNorm(0));
    }

    @Test
    void twoThreadsReadingAChangedNormalisationAtOnceBothApplyItsScaleAndShift() throws Exception {
        // gamma 1 and beta 0 on every channel but the last: whether the unit shortcut applies takes
        // a pass over all of them, which the other thread must not cut short. Before each round the
        // statistics change (the barrier's action), so both threads work the shortcut out afresh
        int channels = 1 << 16, rounds = 1000;
        ChannelNorm n = new ChannelNorm(channels);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2,
                () -> n.set(channels - 1, 0, 1, 2, 0.5));
        java.util.concurrent.CyclicBarrier done = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable reader = () -> {
            float[] cell = new float[channels];
            try {
                for (int round = 0; round < rounds; round++) {
                    start.await();
                    java.util.Arrays.fill(cell, 1f);
                    n.applyChannelsLast(cell, 0, 1, channels);
                    // (float) (2 * (float) ((1 - 0) * 1) + 0.5)
                    if (cell[channels - 1] != 2.5f) wrong.incrementAndGet();
                    done.await();
                }
            } catch (Exception e) {
                failure.set(e);
            }
        };
        Thread t0 = new Thread(reader), t1 = new Thread(reader);
        t0.start();
        t1.start();
        t0.join();
        t1.join();
        assertEquals(null, failure.get());
        assertEquals(0, wrong.get(), "reads that dropped the last channel's scale and shift");
    }
}
