package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.convkit.ops.KernelTestData.close;
import static org.convkit.ops.KernelTestData.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** F(4x4, 3x3) weight gradients of a batch against the reference loops, in groups, on any thread count. */
class Winograd4x4GradientTest {

    /**
     * Each weight's gradient sums {@code x * dy} over every example's output positions; the
     * transforms scale {@code x} by up to 25 and dL/dO by up to 8 x 8 before the products'
     * roundings are summed back through {@code G}. For values in [-1, 1) the sum of the terms'
     * sizes is at most {@code n * outH * outW}; over the geometries below the largest error
     * measured was 3.5e-7 of it, checked here against 1e-6.
     */
    private static double tolerance(ConvGeometry g, int n) {
        return 1e-6 * n * g.outH() * g.outW();
    }

    /** {@code dw} and {@code db} start from {@code start}: both paths add to them. */
    private static void assertAgreesWithTheReference(ConvGeometry g, int n, SplittableRandom r) {
        int is = g.inSize(), os = g.outSize(), o = g.outChannels();
        float[] x = rand(r, n * is), dy = rand(r, n * os), start = rand(r, g.weightSize()), bstart = rand(r, o);
        float[] dwRef = start.clone(), dbRef = bstart.clone(), dw = start.clone(), db = bstart.clone();
        Conv2dKernel ref = new ReferenceConv2dKernel();
        Workspace ws = new Workspace();
        for (int i = 0; i < n; i++) ref.backwardWeights(g, x, i * is, dy, i * os, dwRef, 0, dbRef, 0, ws);
        Winograd4x4Gradient.backwardWeightsBatch(g, n, x, dy, dw, db, KernelTestData::scratch);
        close(dwRef, dw, tolerance(g, n), g + " x " + n + ": weight gradient");
        close(dbRef, db, 1e-6 * n * g.outH() * g.outW(), g + " x " + n + ": bias gradient");
    }

    @Test
    void severalGroupsOfExamplesAgreeWithTheReference() {
        // two dilation phases of 80 blocks an example: 7 examples go in groups of 5 and 2
        ConvGeometry g = new ConvGeometry(70, 40, 30, 90, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1);
        assertTrue(Winograd4x4Gradient.chosen(g, 7));
        assertTrue(Winograd4x4Forward.GROUP_ROWS / WinogradConv2dKernel.tiling4(g).blocks < 7, "more than one group");
        assertAgreesWithTheReference(g, 7, new SplittableRandom(61));
    }

    @Test
    void oddGeometriesAgreeWithTheReference() {
        SplittableRandom r = new SplittableRandom(62);
        int tested = 0;
        while (tested < 30) {
            // channel counts on both sides of the vector width, dilations, uneven padding, maps of any size
            ConvGeometry g = KernelTestData.random3x3(r, 90, 90, 4, 24);
            if (g == null || WinogradConv2dKernel.tiling4(g).bw != 4) continue;
            int n = r.nextInt(1, 7);
            assertAgreesWithTheReference(g, n, r);
            tested++;
        }
    }

    @Test
    void givesTheSameBitsOnOneTwoAndThreeThreads() {
        SplittableRandom r = new SplittableRandom(63);
        // two dilation phases of 80 blocks an example, 7 examples: groups of 5 and 2
        ConvGeometry g = new ConvGeometry(70, 40, 30, 90, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1);
        int n = 7, before = Parallel.threads();
        float[] x = rand(r, n * g.inSize()), dy = rand(r, n * g.outSize());
        float[][] dw = new float[3][], db = new float[3][];
        try {
            for (int k = 0; k < 3; k++) {
                Parallel.setThreads(k + 1);
                dw[k] = new float[g.weightSize()];
                db[k] = new float[g.outChannels()];
                Winograd4x4Gradient.backwardWeightsBatch(g, n, x, dy, dw[k], db[k], KernelTestData::scratch);
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertArrayEquals(dw[0], dw[1], "1 and 2 threads");
        assertArrayEquals(dw[0], dw[2], "1 and 3 threads");
        assertArrayEquals(db[0], db[2], "bias, 1 and 3 threads");
    }

    @Test
    void theScalarTransformsGiveTheVectorBits() {
        SplittableRandom r = new SplittableRandom(64);
        ConvGeometry g = new ConvGeometry(37, 11, 14, 21, 3, 3, 1, 1, 1, 2, 0, 1, 1, 2, 1);
        WinogradConv2dKernel.Tiling t = WinogradConv2dKernel.square4(g);
        float[] dyt = rand(r, t.outRows * t.outCols * t.op);
        float[] a = new float[36 * t.sm], b = new float[36 * t.sm];
        Winograd4x4Gradient.outputGradientTransform(t, dyt, a, 0, t.blocks);
        Winograd4x4Gradient.outputGradientTransformScalar(t, dyt, b, 0, t.blocks);
        assertArrayEquals(b, a, "output-gradient transform");
        int su = WinogradConv2dKernel.stride(g.inChannels() * t.op);
        float[] du = rand(r, 36 * su), start = rand(r, g.weightSize()), whole = start.clone(), single = start.clone();
        Winograd4x4Gradient.filterGradientTransform(g, du, su, t.op, whole, 0, g.outChannels());
        // ranges shorter than a vector take the scalar loop
        for (int co = 0; co < g.outChannels(); co++) Winograd4x4Gradient.filterGradientTransform(g, du, su, t.op, single, co, co + 1);
        assertArrayEquals(single, whole, "filter-gradient transform");
    }

    @Test
    void theBatchKernelSendsWideLayersInBatchesHereAndGetsTheReferenceSums() {
        ConvGeometry alphaGo = new ConvGeometry(192, 19, 19, 192, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertFalse(Winograd4x4Gradient.chosen(alphaGo, 1), "one example: the forward pass is not F(4x4, 3x3)");
        assertTrue(Winograd4x4Gradient.chosen(alphaGo, 16));
        // res15's 45 channels: F(2x2, 3x3)'s 260 blocks an example keep the products full
        assertFalse(Winograd4x4Gradient.chosen(new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1), 64));
        // the batch kernel's backward pass of the AlphaGo layer (25 blocks an example, 16 examples
        // in one group of GROUP_ROWS blocks): the same sums as the reference
        SplittableRandom r = new SplittableRandom(65);
        int n = 16, is = alphaGo.inSize(), os = alphaGo.outSize();
        float[] x = rand(r, n * is), dy = rand(r, n * os), w = rand(r, alphaGo.weightSize());
        float[] dw = new float[w.length], db = new float[192], dx = new float[n * is];
        float[] dwRef = new float[w.length], dbRef = new float[192];
        new Im2colConv2dKernel().backwardBatch(alphaGo, n, x, dy, w, dx, dw, db, KernelTestData::scratch);
        Workspace ws = new Workspace();
        for (int i = 0; i < n; i++) new ReferenceConv2dKernel().backwardWeights(alphaGo, x, i * is, dy, i * os, dwRef, 0, dbRef, 0, ws);
        close(dwRef, dw, tolerance(alphaGo, n), "Im2colConv2dKernel.backwardBatch weights");
        close(dbRef, db, tolerance(alphaGo, n), "Im2colConv2dKernel.backwardBatch bias");
    }
}
