package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.convkit.ops.KernelTestData.close;
import static org.convkit.ops.KernelTestData.garbage;
import static org.convkit.ops.KernelTestData.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Winograd F(4x4,3x3) forward against the reference loops on odd sizes, paddings and dilations. */
class Winograd4x4ForwardTest {

    /**
     * The transforms scale inputs by up to 25 and outputs by up to 8x8 before the products'
     * roundings are summed back: the error grows with the sum of |x||w| under each output. For
     * values in [-1, 1) that sum is at most {@code 9 * inChannels}; over 300 random geometries of
     * up to 64 channels the largest error measured was 1.4e-6 of it, checked here against 4e-6.
     */
    private static double tolerance(ConvGeometry g) {
        return 4e-6 * 9 * g.inChannels();
    }

    @Test
    void agreesWithReferenceOnRandomGeometries() {
        SplittableRandom r = new SplittableRandom(44);
        Conv2dKernel ref = new ReferenceConv2dKernel();
        Workspace w1 = new Workspace(), w2 = new Workspace();
        int tested = 0;
        while (tested < 120) {
            ConvGeometry g = KernelTestData.random3x3(r, 65, 65, 4, 30);
            if (g == null) continue;
            float[] x = rand(r, g.inSize()), wt = rand(r, g.weightSize()), b = rand(r, g.outChannels());
            float[] y1 = new float[g.outSize()], y2 = garbage(r, g.outSize()), yr = garbage(r, g.outSize());
            ref.forward(g, x, 0, wt, b, y1, 0, w1);
            Winograd4x4Forward.forward(g, x, 0, wt, b, y2, 0, false, w2);
            close(y1, y2, tolerance(g), g + " forward");
            Winograd4x4Forward.forward(g, x, 0, wt, b, yr, 0, true, w2);
            for (int i = 0; i < y1.length; i++) y1[i] = Math.max(y1[i], 0f);
            close(y1, yr, tolerance(g), g + " forward with ReLU");
            tested++;
        }
    }

    @Test
    void batchCallsAgreeWithTheReferenceAndGiveTheSameBitsOnOneOrThreeThreadsAndAlone() {
        // res15's width of 45 filters (the three-vector products), dilation 2, uneven padding, an odd batch
        ConvGeometry g = new ConvGeometry(19, 21, 17, 45, 3, 3, 1, 1, 2, 1, 2, 3, 2, 2, 1);
        batchAndExamplesAgree(g, 5, new SplittableRandom(23), tolerance(g), true);
    }

    /**
     * {@code n} random examples of {@code g} as a batch on 1 and on 3 threads and, when
     * {@code alone}, one at a time from outside the pool (each step split over the 3 threads):
     * within {@code tolerance} of the reference loops, and the same bits every way.
     */
    static void batchAndExamplesAgree(ConvGeometry g, int n, SplittableRandom r, double tolerance, boolean alone) {
        int is = g.inSize(), os = g.outSize();
        float[] x = rand(r, n * is), wt = rand(r, g.weightSize()), b = rand(r, g.outChannels());
        float[] y = new float[n * os];
        new ReferenceConv2dKernel().forwardBatch(g, n, x, wt, b, y, true, KernelTestData::scratch);
        int before = Parallel.threads();
        try {
            float[][] runs = new float[3][];
            int[] threads = {1, 3};
            for (int k = 0; k < 2; k++) {
                Parallel.setThreads(threads[k]);
                runs[k] = garbage(r, n * os);
                Winograd4x4Forward.forwardBatch(g, n, x, wt, b, runs[k], true, KernelTestData::scratch);
                close(y, runs[k], tolerance, g + ": batch forward on " + threads[k] + " threads");
            }
            assertArrayEquals(runs[0], runs[1], "1 and 3 threads");
            if (!alone) return;
            runs[2] = garbage(r, n * os);
            for (int i = 0; i < n; i++) {
                float[] one = new float[os];
                Winograd4x4Forward.forward(g, java.util.Arrays.copyOfRange(x, i * is, (i + 1) * is), 0, wt, b, one, 0, true,
                        new Workspace());
                System.arraycopy(one, 0, runs[2], i * os, os);
            }
            assertArrayEquals(runs[0], runs[2], "a batch and its examples one at a time");
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void wideLayersRunAsGroupsOfExamplesWithTheReferenceResultAndTheSameBitsOnAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(31);
        // 80 blocks an example (two dilation phases of 20 x 15 outputs): groups of 5 examples, the
        // batch of 7 in a group of 5 and one of 2
        ConvGeometry g = new ConvGeometry(70, 40, 30, 90, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1);
        int n = 7;
        assertTrue(Winograd4x4Forward.chosen(g, n));
        assertTrue(Winograd4x4Forward.GROUP_ROWS / WinogradConv2dKernel.tiling4(g).blocks < n, "more than one group");
        batchAndExamplesAgree(g, n, r, tolerance(g), false);
    }

    @Test
    void theScalarTransformsGiveTheVectorBits() {
        SplittableRandom r = new SplittableRandom(9);
        ConvGeometry g = new ConvGeometry(37, 11, 14, 21, 3, 3, 1, 1, 1, 2, 0, 1, 1, 2, 1);
        WinogradConv2dKernel.Tiling t = WinogradConv2dKernel.square4(g);
        float[] xt = rand(r, t.inRows * t.inCols * t.cp), m = rand(r, 36 * t.sm);
        float[] v1 = new float[36 * t.sv], v2 = new float[36 * t.sv];
        Winograd4x4Forward.inputTransform(t, xt, v1, 0, t.blocks);
        Winograd4x4Forward.inputTransformScalar(t, xt, v2, 0, t.blocks);
        assertArrayEquals(v2, v1, "input transform");
        float[] y1 = new float[t.outRows * t.outCols * t.op], y2 = new float[y1.length];
        Winograd4x4Forward.outputTransform(t, m, y1, 0, t.blocks);
        Winograd4x4Forward.outputTransformScalar(t, m, y2, 0, t.blocks);
        assertArrayEquals(y2, y1, "output transform");
        int su = WinogradConv2dKernel.stride(g.inChannels() * t.op);
        float[] w = rand(r, g.weightSize()), whole = new float[36 * su], single = new float[36 * su];
        Winograd4x4Forward.filterTransform(g, w, false, whole, su, 0, g.outChannels());
        // ranges shorter than a vector take the scalar loop
        for (int co = 0; co < g.outChannels(); co++) Winograd4x4Forward.filterTransform(g, w, false, single, su, co, co + 1);
        assertArrayEquals(single, whole, "filter transform");
    }

    @Test
    void turnedFiltersAreReadAsTheTurnedCopyWouldBe() {
        SplittableRandom r = new SplittableRandom(10);
        // a layer of 21 -> 37 channels; its backward-data geometry takes 37 -> 21
        ConvGeometry layer = new ConvGeometry(21, 11, 14, 37, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        ConvGeometry tg = Im2colConv2dKernel.fullTransposed(layer);
        float[] w = rand(r, layer.weightSize()), turnedCopy = new float[w.length];
        for (int o = 0; o < 37; o++) for (int i = 0; i < 21; i++) for (int k = 0; k < 9; k++) {
            turnedCopy[(i * 37 + o) * 9 + 8 - k] = w[(o * 21 + i) * 9 + k];
        }
        WinogradConv2dKernel.Tiling t = WinogradConv2dKernel.tiling4(tg);
        int su = WinogradConv2dKernel.stride(tg.inChannels() * t.op);
        float[] expected = new float[36 * su], vector = new float[36 * su], scalar = new float[36 * su];
        Winograd4x4Forward.filterTransform(tg, turnedCopy, false, expected, su, 0, tg.outChannels());
        Winograd4x4Forward.filterTransform(tg, w, true, vector, su, 0, tg.outChannels());
        for (int co = 0; co < tg.outChannels(); co++) Winograd4x4Forward.filterTransform(tg, w, true, scalar, su, co, co + 1);
        assertArrayEquals(expected, vector, "turned, vector path");
        assertArrayEquals(expected, scalar, "turned, scalar loop");
    }

    @Test
    void backwardDataOfABatchAgreesWithTheReferenceOnWideAndOddGeometries() {
        SplittableRandom r = new SplittableRandom(45);
        Conv2dKernel ref = new ReferenceConv2dKernel();
        Workspace ws = new Workspace();
        int tested = 0;
        while (tested < 40) {
            // up to 200 channels: wider layers than MAX_CHANNELS come here in batches
            ConvGeometry g = KernelTestData.random3x3(r, 201, 201, 4, 24);
            if (g == null) continue;
            ConvGeometry tg = Im2colConv2dKernel.fullTransposed(g);
            int n = Winograd4x4Forward.WIDE_MIN_BATCH, is = g.inSize(), os = g.outSize();
            float[] dy = rand(r, n * os), wt = rand(r, g.weightSize());
            float[] expected = new float[n * is], dx = garbage(r, n * is);
            for (int i = 0; i < n; i++) ref.backwardData(g, dy, i * os, wt, expected, i * is, ws);
            Winograd4x4Forward.backwardDataBatch(tg, n, dy, wt, dx, KernelTestData::scratch);
            // the sum under each input element runs over the layer's output channels
            close(expected, dx, 4e-6 * 9 * g.outChannels(), g + " backward-data");
            tested++;
        }
    }

    @Test
    void takesOnlyLayersWhereItSavesWork() {
        // res15's first layers: 45 channels, dilation 1 on 101 x 40
        assertTrue(Winograd4x4Forward.chosen(new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), 1));
        // dilation 8 on 101 x 40: 4x4 blocks of each phase would cover twice the positions, 4x5 blocks 1.15 times
        assertTrue(Winograd4x4Forward.chosen(new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 8, 8, 8, 8, 8, 8, 1), 64));
        // 4x4 blocks only: dilation 3 on 7 x 7 leaves phases of 3 or 2 rows, which 4-high blocks cover twice
        assertFalse(Winograd4x4Forward.chosen(new ConvGeometry(45, 7, 7, 45, 3, 3, 1, 1, 3, 3, 3, 3, 3, 3, 1), 64));
        // the AlphaGo network's 192 filters: one example does not pay for the filter transform, a batch does
        ConvGeometry alphaGo = new ConvGeometry(192, 19, 19, 192, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertFalse(Winograd4x4Forward.chosen(alphaGo, 1));
        assertFalse(Winograd4x4Forward.chosen(alphaGo, Winograd4x4Forward.WIDE_MIN_BATCH - 1));
        assertTrue(Winograd4x4Forward.chosen(alphaGo, Winograd4x4Forward.WIDE_MIN_BATCH));
        // not a 3x3 stride-1 layer
        assertFalse(Winograd4x4Forward.chosen(new ConvGeometry(45, 20, 20, 45, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1), 64));
    }
}
