package org.convkit.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectWinograd}: one example into a channels-last map with no output copy, its input
 * gathered or through the padded copy, must give the bits of the staged path (copy in, transforms,
 * copy out) in the same blocks, on any number of threads.
 */
class DirectWinogradTest {
    private static final int LAST = Conv2dKernel.INPUT_CHANNELS_LAST | Conv2dKernel.OUTPUT_CHANNELS_LAST;

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    private static ChannelNorm norm(SplittableRandom r, int channels, boolean affine) {
        ChannelNorm n = new ChannelNorm(channels);
        for (int c = 0; c < channels; c++) {
            n.set(c, r.nextDouble() - 0.5, 0.3 + r.nextDouble() * 3, affine ? 0.2 + r.nextDouble() * 2 : 1,
                    affine ? r.nextDouble() - 0.5 : 0);
        }
        return n;
    }

    /** res15's dilated layers and random ones, each in every block shape four high. */
    private static List<Object[]> cases(SplittableRandom r) {
        List<ConvGeometry> gs = new ArrayList<>(List.of(
                new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 8, 8, 8, 8, 8, 8, 1),
                new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 16, 16, 16, 16, 16, 16, 1),
                new ConvGeometry(17, 23, 19, 33, 3, 3, 1, 1, 0, 2, 1, 0, 1, 1, 1)));
        while (gs.size() < 12) {
            ConvGeometry g = KernelTestData.random3x3(r, 40, 40, 12, 40);
            if (g != null) gs.add(g);
        }
        List<Object[]> out = new ArrayList<>();
        for (ConvGeometry g : gs) {
            for (int bw : new int[]{3, 4, 5}) out.add(new Object[]{g, new WinogradConv2dKernel.Tiling(g, 4, bw)});
        }
        return out;
    }

    @Test
    void givesTheBitsOfTheStagedPath() {
        if (!Sgemm.VECTOR) {
            // the direct path is the vector path's; without it the staged one runs
            assertFalse(DirectWinograd.applies(ConvIo.of(null, null, LAST)));
            return;
        }
        SplittableRandom r = new SplittableRandom(73);
        for (Object[] c : cases(r)) {
            ConvGeometry g = (ConvGeometry) c[0];
            WinogradConv2dKernel.Tiling t = (WinogradConv2dKernel.Tiling) c[1];
            int su = Winograd4x4Forward.uStride(g, t);
            float[] u = new float[Winograd4x4Forward.points(t) * su];
            float[] w = KernelTestData.rand(r, g.weightSize()), b = KernelTestData.rand(r, g.outChannels());
            Winograd4x4Forward.filterTransform(g, t, w, false, u, su, 0, g.outChannels());
            // the maps sit at an offset in longer arrays, as a batch's examples do
            int xOff = g.inSize(), yOff = 2 * g.outSize();
            float[] x = KernelTestData.rand(r, 2 * g.inSize()), addend = KernelTestData.rand(r, 3 * g.outSize());
            for (int mode = 0; mode < 4; mode++) {
                ChannelNorm nm = mode == 3 ? null : norm(r, g.inChannels(), mode == 1);
                float[] ad = mode == 2 ? null : addend;
                ConvIo io = ConvIo.of(nm, ad, ad == null ? LAST : LAST | Conv2dKernel.ADDEND_CHANNELS_LAST);
                boolean relu = mode % 2 == 0;
                float[] want = KernelTestData.garbage(r, 3 * g.outSize());
                Parallel.setThreads(1);
                Winograd4x4Forward.example(g, t, x, xOff, u, su, false, b, want, yOff, relu, new Workspace(), false, io);
                for (int threads : new int[]{1, 2, 3}) {
                    Parallel.setThreads(threads);
                    for (boolean copied : new boolean[]{false, true}) {
                        // copied: the input through the staged path's padded copy (its margins zero), the output direct
                        float[] xt = copied ? new float[t.inRows * t.inCols * t.cp] : null;
                        float[] y = want.clone();
                        java.util.Arrays.fill(y, yOff, yOff + g.outSize(), Float.NaN);
                        DirectWinograd.example(g, t, x, xOff, xt, u, su, false, b, y, yOff, relu, io);
                        assertArrayEquals(want, y, g + " blocks 4x" + t.bw + " mode " + mode + " threads " + threads
                                + " copied " + copied);
                    }
                }
            }
        }
    }

    @Test
    void gathersThePatchOfThePaddedCopy() {
        SplittableRandom r = new SplittableRandom(29);
        for (Object[] c : cases(r)) {
            ConvGeometry g = (ConvGeometry) c[0];
            WinogradConv2dKernel.Tiling t = (WinogradConv2dKernel.Tiling) c[1];
            ChannelNorm nm = norm(r, g.inChannels(), true);
            ConvIo io = ConvIo.of(nm, null, LAST);
            float[] x = KernelTestData.rand(r, g.inSize());
            float[] xt = KernelTestData.garbage(r, t.inRows * t.inCols * t.cp);
            io.in(g, t, x, 0, xt, 0, t.inRows, false);
            int n = t.bw + 2, cp = t.cp;
            float[] patch = KernelTestData.garbage(r, 6 * n * cp);
            for (int k = 0; k < t.blocks; k++) {
                DirectWinograd.gather(g, t, k, x, 0, nm, patch);
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < n; j++) {
                        int at = ((t.row[k] + i * t.dh) * t.inCols + t.col[k] + j * t.dw) * cp;
                        for (int ch = 0; ch < cp; ch++) {
                            assertEquals(xt[at + ch], patch[(i * n + j) * cp + ch], g + " block " + k + " cell " + i + "," + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void gathersRes15sLayersOfDilationEightAndMore() {
        ConvIo io = ConvIo.of(new ChannelNorm(45), new float[1], LAST | Conv2dKernel.ADDEND_CHANNELS_LAST);
        for (int d : new int[]{1, 2, 4, 8, 16}) {
            ConvGeometry g = new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, d, d, d, d, d, d, 1);
            WinogradConv2dKernel.Tiling t = WinogradConv2dKernel.tiling4(g);
            assertEquals(Sgemm.VECTOR, DirectWinograd.applies(io), "dilation " + d);
            assertEquals(Sgemm.VECTOR && d >= DirectWinograd.MIN_DILATION, DirectWinograd.gathers(io, t), "dilation " + d);
            // a channels-first input goes through the padded copy; a channels-first output or addend, the staged path
            assertFalse(DirectWinograd.gathers(ConvIo.of(null, null, Conv2dKernel.OUTPUT_CHANNELS_LAST), t));
            assertFalse(DirectWinograd.applies(ConvIo.of(null, null, Conv2dKernel.INPUT_CHANNELS_LAST)));
            assertFalse(DirectWinograd.applies(ConvIo.of(null, new float[1], LAST)));
        }
    }
}
