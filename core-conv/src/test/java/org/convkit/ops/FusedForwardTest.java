package org.convkit.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Conv2dKernel#forwardBatchFused}: the Winograd kernels normalise the input as they copy
 * it channels-last and add the addend as they copy the output back; the result must be the bits
 * of the three steps apart (normalise with {@link Normalize}, convolve, add).
 */
class FusedForwardTest {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    static ChannelNorm norm(SplittableRandom r, int channels) {
        ChannelNorm n = new ChannelNorm(channels);
        for (int c = 0; c < channels; c++) {
            n.set(c, r.nextDouble() - 0.5, 0.3 + r.nextDouble() * 3, 0.2 + r.nextDouble() * 2, r.nextDouble() - 0.5);
        }
        return n;
    }

    /** The steps apart: {@code y = conv(norm(x)) (+ReLU) + addend}. */
    static float[] apart(Conv2dKernel k, ConvGeometry g, int n, float[] x, float[] w, float[] b, boolean relu,
                                 ChannelNorm norm, float[] addend) {
        int plane = g.inH() * g.inW(), c = g.inChannels();
        float[] xn = x.clone();
        for (int i = 0; norm != null && i < n * c; i++) norm.apply(x, xn, i * plane, (i + 1) * plane, i % c);
        float[] y = new float[n * g.outSize()];
        float[][] buf = {new float[0]};
        k.forwardBatch(g, n, xn, w, b, y, relu, s -> buf[0].length >= s ? buf[0] : (buf[0] = new float[s]));
        for (int i = 0; addend != null && i < y.length; i++) y[i] += addend[i];
        return y;
    }

    /** Example by example, {@code [c][h][w]} to {@code [h][w][c]}. */
    static float[] channelsLast(float[] x, int n, int c, int plane) {
        float[] t = new float[x.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) t[(i * plane + p) * c + ch] = x[(i * c + ch) * plane + p];
            }
        }
        return t;
    }

    @Test
    void winogradLayersGiveTheBitsOfTheStepsApart() {
        SplittableRandom r = new SplittableRandom(41);
        // F(4x4,3x3), F(2x2,3x3) (72 channels at batch 1), dilation 2 and 5, uneven padding,
        // channel counts off the vector width; res15's dilation 8, whose single examples gather
        // their input patches from a channels-last input (DirectWinograd)
        ConvGeometry[] gs = {
                new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 8, 8, 8, 8, 8, 8, 1),
                new ConvGeometry(20, 15, 13, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(45, 21, 40, 45, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1),
                new ConvGeometry(17, 17, 11, 19, 3, 3, 1, 1, 5, 5, 5, 5, 5, 5, 1),
                new ConvGeometry(16, 10, 9, 72, 3, 3, 1, 1, 0, 2, 1, 2, 1, 1, 1),
                new ConvGeometry(72, 9, 8, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
        };
        Im2colConv2dKernel k = new Im2colConv2dKernel();
        for (int threads : new int[]{1, 2}) {
            Parallel.setThreads(threads);
            for (ConvGeometry g : gs) {
                assertTrue(k.fusesSmallBatches(g), g.toString());
                for (int n : new int[]{1, 3}) assertFusedGivesTheStepsApart(k, g, n, threads, r, 0, true);
            }
        }
    }

    /**
     * With and without ReLU, the normalisation, the addend and the bias, in every layout from
     * {@code firstLayout} (see {@link Conv2dKernel#INPUT_CHANNELS_LAST}): {@code n} examples of
     * {@code g} through {@code k.forwardBatchFused}, with the filters kept between calls for one
     * example where {@code keep}, overwrite their output with the bits of {@link #apart}.
     */
    static void assertFusedGivesTheStepsApart(Im2colConv2dKernel k, ConvGeometry g, int n, int threads, SplittableRandom r,
                                              int firstLayout, boolean keep) {
        int ip = g.inH() * g.inW(), op = g.outH() * g.outW();
        float[] x = KernelTestData.rand(r, n * g.inSize()), w = KernelTestData.rand(r, g.weightSize());
        float[] b = KernelTestData.rand(r, g.outChannels()), addend = KernelTestData.rand(r, n * g.outSize());
        ChannelNorm cn = norm(r, g.inChannels());
        FilterCache cache = keep && n == 1 ? new FilterCache() : null;
        float[] xLast = channelsLast(x, n, g.inChannels(), ip), addLast = channelsLast(addend, n, g.outChannels(), op);
        for (boolean relu : new boolean[]{false, true}) {
            for (int mode = 0; mode < 4; mode++) {
                ChannelNorm nm = mode == 1 ? null : cn;
                float[] ad = mode == 2 ? null : addend, bias = mode == 3 ? null : b;
                float[] want = apart(k, g, n, x, w, bias, relu, nm, ad), wantLast = channelsLast(want, n, g.outChannels(), op);
                for (int layout = firstLayout; layout < 8; layout++) {
                    boolean in = (layout & 1) != 0, out = (layout & 2) != 0, adLast = (layout & 4) != 0;
                    if (adLast && (!out || ad == null)) continue;
                    float[] y = KernelTestData.garbage(r, n * g.outSize());
                    assertTrue(k.forwardBatchFused(g, n, in ? xLast : x, w, cache, 1, bias, y, relu, nm,
                            ad == null ? null : adLast ? addLast : addend, layout, s -> new float[s]), g + " fuses");
                    assertArrayEquals(out ? wantLast : want, y, g + " batch " + n + " threads " + threads
                            + " relu " + relu + " mode " + mode + " layout " + layout);
                }
            }
        }
    }

    @Test
    void aChannelsLastAddendNeedsAChannelsLastOutput() {
        ConvGeometry g = new ConvGeometry(20, 8, 8, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> new Im2colConv2dKernel().forwardBatchFused(g, 1,
                new float[g.inSize()], new float[g.weightSize()], null, 0, null, new float[g.outSize()], false, null,
                new float[g.outSize()], Conv2dKernel.ADDEND_CHANNELS_LAST, s -> new float[s]));
    }

    @Test
    void otherLayersLeaveTheStepsToTheCaller() {
        Im2colConv2dKernel k = new Im2colConv2dKernel();
        ConvGeometry g5 = new ConvGeometry(8, 12, 12, 8, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1);
        ConvGeometry s2 = new ConvGeometry(8, 12, 12, 8, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1);
        for (ConvGeometry g : new ConvGeometry[]{g5, s2}) {
            float[] y = new float[g.outSize()];
            assertFalse(k.forwardBatchFused(g, 1, new float[g.inSize()], new float[g.weightSize()], null, 0, null, y, false,
                    new ChannelNorm(8), null, 0, s -> new float[s]), g.toString());
            assertFalse(k.fusesSmallBatches(g), g.toString());
        }
        // a wide layer's batch of four runs examples in groups, which do not fuse
        ConvGeometry wide = new ConvGeometry(72, 8, 8, 72, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertFalse(k.forwardBatchFused(wide, 4, new float[4 * wide.inSize()], new float[wide.weightSize()], null, 0, null,
                new float[4 * wide.outSize()], false, null, new float[4 * wide.outSize()], 0, s -> new float[s]));
    }
}
