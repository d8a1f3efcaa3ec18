package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.convkit.ops.KernelTestData.close;
import static org.convkit.ops.KernelTestData.garbage;
import static org.convkit.ops.KernelTestData.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Winograd F(4x3, 3x3) and F(4x5, 3x3) (blocks four high, three or five wide) against the reference loops. */
class WinogradRectTest {

    /**
     * As for F(4x4, 3x3) ({@link Winograd4x4ForwardTest}), the error grows with the sum of |x||w|
     * under each output, at most {@code 9 * inChannels} for values in [-1, 1). Over 300 random
     * geometries each, the largest error measured was 0.98e-6 of it in blocks three wide, 2.8e-6
     * five wide (F(5, 3)'s point 1/2 scales by up to 16), and 1.5e-6 in 4x4 blocks.
     */
    private static double tolerance(ConvGeometry g, int bw) {
        return (bw == 5 ? 6e-6 : 4e-6) * 9 * g.inChannels();
    }

    @Test
    void blocksThreeAndFiveWideAgreeWithTheReferenceOnRandomGeometries() {
        SplittableRandom r = new SplittableRandom(46);
        Conv2dKernel ref = new ReferenceConv2dKernel();
        Workspace w1 = new Workspace(), w2 = new Workspace();
        int tested = 0;
        while (tested < 80) {
            ConvGeometry g = KernelTestData.random3x3(r, 65, 65, 9, 45);
            if (g == null) continue;
            int bw = tested % 2 == 0 ? 3 : 5;
            WinogradConv2dKernel.Tiling t = new WinogradConv2dKernel.Tiling(g, 4, bw);
            float[] x = rand(r, g.inSize()), wt = rand(r, g.weightSize()), b = rand(r, g.outChannels());
            float[] y1 = new float[g.outSize()], y2 = garbage(r, g.outSize()), yr = garbage(r, g.outSize());
            ref.forward(g, x, 0, wt, b, y1, 0, w1);
            Winograd4x4Forward.forward(g, t, x, 0, wt, b, y2, 0, false, w2);
            close(y1, y2, tolerance(g, bw), g + " in 4x" + bw + " blocks");
            Winograd4x4Forward.forward(g, t, x, 0, wt, b, yr, 0, true, w2);
            for (int i = 0; i < y1.length; i++) y1[i] = Math.max(y1[i], 0f);
            close(y1, yr, tolerance(g, bw), g + " in 4x" + bw + " blocks, with ReLU");
            tested++;
        }
    }

    @Test
    void choosesTheBlockWidthWithTheFewestMultiplies() {
        // res15's maps: 45 channels on 101 x 40, padding equal to the dilation
        assertEquals(4, WinogradConv2dKernel.blockWidth(res15(1)), "dilation 1: 40 columns in 4 or 5 wide, 7 % apart");
        assertEquals(4, WinogradConv2dKernel.blockWidth(res15(2)), "dilation 2: phases of 20 columns, 7 % apart");
        assertEquals(5, WinogradConv2dKernel.blockWidth(res15(4)), "dilation 4: phases of 10 columns, 22 % fewer");
        assertEquals(5, WinogradConv2dKernel.blockWidth(res15(8)), "dilation 8: phases of 5 columns, 42 % fewer");
        assertEquals(3, WinogradConv2dKernel.blockWidth(res15(16)), "dilation 16: phases of 2 or 3 columns, 17 % fewer");
        // the AlphaGo network's 19 x 19 boards: 5 blocks of 4 or 4 of 5, 7 % apart
        assertEquals(4, WinogradConv2dKernel.blockWidth(new ConvGeometry(192, 19, 19, 192, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        WinogradConv2dKernel.Tiling t = WinogradConv2dKernel.tiling4(res15(8));
        assertEquals(232, t.blocks, "13 or 12 rows and 5 columns in each of the 64 phases");
        assertEquals(464, WinogradConv2dKernel.square4(res15(8)).blocks, "4 or 3 block rows and 2 block columns a phase");
    }

    @Test
    void batchesAndSingleExamplesGiveTheSameBitsOnAnyThreadCountAndBackwardDataAgrees() {
        SplittableRandom r = new SplittableRandom(24);
        // res15's dilation 8 on its 101 x 40 maps (blocks five wide), fewer channels, 45 filters;
        // one example at a time splits into chunks of blocks by phase rows
        ConvGeometry g = new ConvGeometry(13, 101, 40, 45, 3, 3, 1, 1, 8, 8, 8, 8, 8, 8, 1);
        assertEquals(5, WinogradConv2dKernel.tiling4(g).bw);
        int n = 3, is = g.inSize(), os = g.outSize();
        Winograd4x4ForwardTest.batchAndExamplesAgree(g, n, r, tolerance(g, 5), true);

        // dL/dX: the forward pass of the transposed geometry on the turned filters, also five wide
        ConvGeometry tg = Im2colConv2dKernel.fullTransposed(g);
        assertEquals(5, WinogradConv2dKernel.tiling4(tg).bw);
        float[] wt = rand(r, g.weightSize()), dy = rand(r, n * os), dx = garbage(r, n * is), dxRef = new float[n * is];
        Workspace ws = new Workspace();
        for (int i = 0; i < n; i++) new ReferenceConv2dKernel().backwardData(g, dy, i * os, wt, dxRef, i * is, ws);
        Winograd4x4Forward.backwardDataBatch(tg, n, dy, wt, dx, KernelTestData::scratch);
        close(dxRef, dx, 6e-6 * 9 * g.outChannels(), "backward-data");
    }

    @Test
    void wideLayersInGroupsOfExamplesAgreeWithTheReferenceOnAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(25);
        // over 64 channels, dilation 2 on 40 x 10: phases of 20 x 5 outputs, one block five wide
        // across each; batches of 4 or more run as stacked groups of examples
        ConvGeometry g = new ConvGeometry(70, 40, 10, 90, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1);
        assertEquals(5, WinogradConv2dKernel.tiling4(g).bw);
        assertTrue(Winograd4x4Forward.chosen(g, 7));
        Winograd4x4ForwardTest.batchAndExamplesAgree(g, 7, r, tolerance(g, 5), false);
    }

    @Test
    void theScalarTransformsGiveTheVectorBits() {
        SplittableRandom r = new SplittableRandom(11);
        ConvGeometry g = new ConvGeometry(37, 23, 29, 21, 3, 3, 1, 1, 3, 2, 1, 3, 3, 2, 1);
        for (int bw : new int[] {3, 5}) {
            WinogradConv2dKernel.Tiling t = new WinogradConv2dKernel.Tiling(g, 4, bw);
            int pts = Winograd4x4Forward.points(t);
            float[] xt = rand(r, t.inRows * t.inCols * t.cp), m = rand(r, pts * t.sm);
            float[] v1 = new float[pts * t.sv], v2 = new float[pts * t.sv];
            WinogradRect.inputTransform(t, xt, v1, 0, t.blocks);
            WinogradRect.inputTransformScalar(t, xt, v2, 0, t.blocks);
            assertArrayEquals(v2, v1, "input transform, 4x" + bw);
            float[] y1 = new float[t.outRows * t.outCols * t.op], y2 = new float[y1.length];
            WinogradRect.outputTransform(t, m, y1, 0, t.blocks);
            WinogradRect.outputTransformScalar(t, m, y2, 0, t.blocks);
            assertArrayEquals(y2, y1, "output transform, 4x" + bw);
        }
    }

    @Test
    void turnedFiltersAreReadAsTheTurnedCopyWouldBe() {
        SplittableRandom r = new SplittableRandom(12);
        ConvGeometry layer = new ConvGeometry(21, 11, 14, 37, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        ConvGeometry tg = Im2colConv2dKernel.fullTransposed(layer);
        float[] w = rand(r, layer.weightSize()), turnedCopy = new float[w.length];
        for (int o = 0; o < 37; o++) for (int i = 0; i < 21; i++) for (int k = 0; k < 9; k++) {
            turnedCopy[(i * 37 + o) * 9 + 8 - k] = w[(o * 21 + i) * 9 + k];
        }
        for (int bw : new int[] {3, 5}) {
            WinogradConv2dKernel.Tiling t = new WinogradConv2dKernel.Tiling(tg, 4, bw);
            int su = WinogradConv2dKernel.stride(tg.inChannels() * t.op), pts = Winograd4x4Forward.points(t);
            float[] expected = new float[pts * su], turned = new float[pts * su];
            WinogradRect.filterTransform(tg, bw, turnedCopy, false, expected, su, 0, tg.outChannels());
            WinogradRect.filterTransform(tg, bw, w, true, turned, su, 0, tg.outChannels());
            assertArrayEquals(expected, turned, "4x" + bw);
        }
    }

    private static ConvGeometry res15(int d) {
        return new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, d, d, d, d, d, d, 1);
    }
}
