package org.convkit.ops;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.convkit.ops.KernelTestData.close;
import static org.convkit.ops.KernelTestData.garbage;
import static org.convkit.ops.KernelTestData.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Winograd F(2x2,3x3) against the reference loops on odd sizes, paddings and dilations. */
class WinogradConv2dKernelTest {
    // the transforms add up to nine inputs (and halve filter sums) before multiplying: a few
    // roundings more than direct summation, far inside 1e-4 for |v| <= 1 and up to 24 channels
    private static final double TOL = 1e-4;

    @Test
    void agreesWithReferenceOnRandomGeometries() {
        SplittableRandom r = new SplittableRandom(77);
        Conv2dKernel ref = new ReferenceConv2dKernel(), fast = new WinogradConv2dKernel();
        Workspace w1 = new Workspace(), w2 = new Workspace();
        int tested = 0;
        while (tested < 200) {
            ConvGeometry g = KernelTestData.random3x3(r, 25, 41, 5, 24);
            if (g == null) continue;
            String what = g.toString();
            float[] x = rand(r, g.inSize()), wt = rand(r, g.weightSize()), b = rand(r, g.outChannels()), dy = rand(r, g.outSize());
            float[] y1 = new float[g.outSize()], y2 = garbage(r, g.outSize());
            ref.forward(g, x, 0, wt, b, y1, 0, w1);
            fast.forward(g, x, 0, wt, b, y2, 0, w2);
            close(y1, y2, TOL, what + " forward");
            float[] yr = garbage(r, g.outSize());
            fast.forwardRelu(g, x, 0, wt, b, yr, 0, w2);
            for (int i = 0; i < y1.length; i++) y1[i] = Math.max(y1[i], 0f);
            close(y1, yr, TOL, what + " forwardRelu");
            float[] dx1 = new float[g.inSize()], dx2 = garbage(r, g.inSize());
            ref.backwardData(g, dy, 0, wt, dx1, 0, w1);
            fast.backwardData(g, dy, 0, wt, dx2, 0, w2);
            close(dx1, dx2, TOL, what + " backwardData");
            float[] dw1 = rand(r, g.weightSize()), dw2 = dw1.clone(), db1 = rand(r, g.outChannels()), db2 = db1.clone();
            ref.backwardWeights(g, x, 0, dy, 0, dw1, 0, db1, 0, w1);
            fast.backwardWeights(g, x, 0, dy, 0, dw2, 0, db2, 0, w2);
            close(dw1, dw2, TOL, what + " backwardWeights (adds onto what is there)");
            close(db1, db2, TOL, what + " bias");
            tested++;
        }
    }

    @Test
    void readsAndWritesAtOffsetsInsideBatchBuffers() {
        SplittableRandom r = new SplittableRandom(5);
        ConvGeometry g = new ConvGeometry(6, 9, 7, 10, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1);
        int xo = 3 * g.inSize() + 1, yo = 2 * g.outSize() + 5, wo = 7;
        float[] x = rand(r, xo + g.inSize() + 4), wt = rand(r, g.weightSize()), dy = rand(r, yo + g.outSize() + 3);
        float[] y1 = new float[g.outSize()], big = garbage(r, yo + g.outSize() + 9), bigBefore = big.clone();
        var ws = new Workspace();
        new ReferenceConv2dKernel().forward(g, java.util.Arrays.copyOfRange(x, xo, xo + g.inSize()), 0, wt, null, y1, 0, ws);
        new WinogradConv2dKernel().forward(g, x, xo, wt, null, big, yo, ws);
        close(y1, java.util.Arrays.copyOfRange(big, yo, yo + g.outSize()), TOL, "forward at an offset");
        for (int i = 0; i < yo; i++) assertTrue(big[i] == bigBefore[i], "element " + i + " before the output was overwritten");
        for (int i = yo + g.outSize(); i < big.length; i++) assertTrue(big[i] == bigBefore[i], "element " + i + " after the output");
        float[] dw1 = new float[g.weightSize()], dw2 = new float[wo + g.weightSize()];
        new ReferenceConv2dKernel().backwardWeights(g, java.util.Arrays.copyOfRange(x, xo, xo + g.inSize()), 0,
                java.util.Arrays.copyOfRange(dy, yo, yo + g.outSize()), 0, dw1, 0, null, 0, ws);
        new WinogradConv2dKernel().backwardWeights(g, x, xo, dy, yo, dw2, wo, null, 0, ws);
        close(dw1, java.util.Arrays.copyOfRange(dw2, wo, wo + g.weightSize()), TOL, "backwardWeights at an offset");
    }

    @Test
    void aSingleExampleGivesTheSameBitsOnOneOrThreeThreads() {
        ConvGeometry g = new ConvGeometry(20, 19, 19, 24, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        SplittableRandom r = new SplittableRandom(11);
        float[] x = rand(r, g.inSize()), wt = rand(r, g.weightSize()), b = rand(r, 24), dy = rand(r, g.outSize());
        int before = Parallel.threads();
        try {
            float[][] one = passes(g, x, wt, b, dy, 1), three = passes(g, x, wt, b, dy, 3);
            for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], three[i], "pass " + i);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void batchCallsAgreeWithTheReferenceAndGiveTheSameBitsOnOneOrThreeThreads() {
        SplittableRandom r = new SplittableRandom(21);
        // an odd batch (chunks of unequal size), dilation 2, uneven padding; 45 filters take the
        // three-vector products forward and for the weight gradient
        ConvGeometry g = new ConvGeometry(17, 13, 11, 45, 3, 3, 1, 1, 2, 1, 2, 3, 2, 2, 1);
        int n = 11;
        float[] x = rand(r, n * g.inSize()), wt = rand(r, g.weightSize()), b = rand(r, 45), dy = rand(r, n * g.outSize());
        float[] dw0 = rand(r, g.weightSize()), db0 = rand(r, 45);
        Conv2dKernel ref = new ReferenceConv2dKernel();
        float[] y = new float[n * g.outSize()], dx = new float[n * g.inSize()], dw = dw0.clone(), db = db0.clone();
        ref.forwardBatch(g, n, x, wt, b, y, true, KernelTestData::scratch);
        ref.backwardBatch(g, n, x, dy, wt, dx, dw, db, KernelTestData::scratch);
        int before = Parallel.threads();
        try {
            float[][] runs = new float[8][];
            for (int t : new int[]{1, 3}) {
                Parallel.setThreads(t);
                var k = new WinogradConv2dKernel();
                float[] y2 = new float[n * g.outSize()], dx2 = new float[n * g.inSize()], dw2 = dw0.clone(), db2 = db0.clone();
                k.forwardBatch(g, n, x, wt, b, y2, true, KernelTestData::scratch);
                k.backwardBatch(g, n, x, dy, wt, dx2, dw2, db2, KernelTestData::scratch);
                close(y, y2, TOL, "batch forward, " + t + " threads");
                close(dx, dx2, TOL, "batch backward-data, " + t + " threads");
                close(dw, dw2, 1e-3, "batch weight gradient (11 examples summed), " + t + " threads");
                close(db, db2, 1e-4, "batch bias gradient, " + t + " threads");
                int o = t == 1 ? 0 : 4;
                runs[o] = y2;
                runs[o + 1] = dx2;
                runs[o + 2] = dw2;
                runs[o + 3] = db2;
            }
            for (int i = 0; i < 4; i++) assertArrayEquals(runs[i], runs[4 + i], "result " + i + " on 1 and 3 threads");
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void filterTransformGivesTheSameBitsForWholeVectorsAndOneFilterAtATime() {
        SplittableRandom r = new SplittableRandom(8);
        // 37 filters: a scalar remainder; 32: the last vector's transposed block would read past the weights
        for (int filters : new int[]{37, 32}) {
            ConvGeometry g = new ConvGeometry(5, 6, 6, filters, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
            float[] w = rand(r, g.weightSize());
            for (boolean turned : new boolean[]{false, true}) {
                ConvGeometry t = turned ? new ConvGeometry(filters, 6, 6, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1) : g;
                int size = 16 * WinogradConv2dKernel.uStride(t);
                float[] whole = new float[size], single = new float[size];
                WinogradConv2dKernel.filterTransform(t, w, turned, whole, 0, t.outChannels());
                // ranges shorter than a vector take the scalar loop
                for (int co = 0; co < t.outChannels(); co++) WinogradConv2dKernel.filterTransform(t, w, turned, single, co, co + 1);
                assertArrayEquals(single, whole, filters + " filters, turned=" + turned);
            }
        }
    }

    @Test
    void threeVectorProductsGiveTheBitsOfTheGeneralProduct() {
        int w = 3 * FloatVector.SPECIES_PREFERRED.length();
        SplittableRandom r = new SplittableRandom(31);
        for (int m : new int[]{1, 7, 8, 45, 1020}) {
            // forward shape: C[m x w] = A[m x k] B[k x w], A rows padded to lda
            int k = 45, lda = 48;
            float[] a = rand(r, m * lda), b = rand(r, k * w);
            float[] fast = new float[m * w], general = new float[m * w];
            VectorWinograd.product(a, 0, lda, b, 0, w, fast, 0, m, k);
            Sgemm.gemmSerial(false, false, m, w, k, a, 0, lda, b, 0, w, general, 0, w, false, null, 0, false);
            assertArrayEquals(general, fast, "product, " + m + " rows");
            // weight-gradient shape: C[45 x w] (+)= A^T B with A stored m x lda, the shared dimension m
            for (boolean accumulate : new boolean[]{false, true}) {
                float[] bt = rand(r, m * w), c0 = rand(r, 45 * w), ct = c0.clone(), cg = c0.clone();
                VectorWinograd.productTransposed(a, 0, lda, bt, 0, w, ct, 0, 45, m, accumulate);
                Sgemm.gemmSerial(true, false, 45, w, m, a, 0, lda, bt, 0, w, cg, 0, w, accumulate, null, 0, false);
                assertArrayEquals(cg, ct, "productTransposed, shared dimension " + m + ", accumulate " + accumulate);
            }
        }
    }

    @Test
    void refusesWhatItCannotCompute() {
        assertFalse(WinogradConv2dKernel.handles(new ConvGeometry(4, 8, 8, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1)));
        assertFalse(WinogradConv2dKernel.handles(new ConvGeometry(4, 8, 8, 4, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1)));
        assertFalse(WinogradConv2dKernel.handles(new ConvGeometry(4, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2)));
        ConvGeometry widePad = new ConvGeometry(4, 8, 8, 4, 3, 3, 1, 1, 3, 3, 0, 0, 1, 1, 1);
        assertTrue(WinogradConv2dKernel.handles(widePad));
        assertFalse(WinogradConv2dKernel.handlesBackwardData(widePad));
        var e = assertThrows(IllegalArgumentException.class, () -> new WinogradConv2dKernel().backwardData(widePad,
                new float[widePad.outSize()], 0, new float[widePad.weightSize()], new float[widePad.inSize()], 0, new Workspace()));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
        ConvGeometry strided = new ConvGeometry(4, 8, 8, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> new WinogradConv2dKernel().forward(strided,
                new float[strided.inSize()], 0, new float[strided.weightSize()], null, new float[strided.outSize()], 0, new Workspace()));
    }

    private static float[][] passes(ConvGeometry g, float[] x, float[] wt, float[] b, float[] dy, int threads) {
        Parallel.setThreads(threads);
        var k = new WinogradConv2dKernel();
        var ws = new Workspace();
        float[] y = new float[g.outSize()], dx = new float[g.inSize()], dw = new float[g.weightSize()];
        k.forwardRelu(g, x, 0, wt, b, y, 0, ws);
        k.backwardData(g, dy, 0, wt, dx, 0, ws);
        k.backwardWeights(g, x, 0, dy, 0, dw, 0, null, 0, ws);
        return new float[][]{y, dx, dw};
    }

    @Test
    void channelsLastCopiesMoveEveryValueAndApplyBiasAndReluAsTheDefinitionSays() {
        SplittableRandom r = new SplittableRandom(77);
        // 45 channels (a partial block of 16), widths with and without whole blocks of 16 columns
        int[][] shapes = {{45, 7, 40, 1, 2}, {16, 3, 16, 0, 0}, {37, 5, 35, 2, 1}, {64, 2, 9, 1, 1}};
        for (int[] sh : shapes) {
            int ch = sh[0], h = sh[1], w = sh[2], top = sh[3], left = sh[4];
            int rows = h + 2 * top, cols = w + 2 * left + 3, cs = WinogradConv2dKernel.padChannels(ch);
            float[] src = rand(r, 3 + ch * h * w), dst = garbage(r, rows * cols * cs);
            WinogradConv2dKernel.toChannelsLast(src, 3, ch, h, w, dst, rows, cols, cs, top, left, 0, rows);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    for (int c = 0; c < cs; c++) {
                        int iy = y - top, ix = x - left;
                        float want = c < ch && iy >= 0 && iy < h && ix >= 0 && ix < w ? src[3 + (c * h + iy) * w + ix] : 0f;
                        if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(dst[(y * cols + x) * cs + c])) {
                            throw new AssertionError(java.util.Arrays.toString(sh) + " to channels-last at " + y + "," + x + "," + c);
                        }
                    }
                }
            }
            // and back: NaN, -0 and negative values through bias (or none) and ReLU
            float[] yt = rand(r, rows * cols * cs);
            yt[5] = Float.NaN;
            yt[cs + 1] = -0f;
            float[] b = rand(r, ch);
            for (float[] bias : new float[][]{b, null}) {
                for (boolean relu : new boolean[]{false, true}) {
                    float[] out = garbage(r, 2 + ch * rows * w);
                    WinogradConv2dKernel.fromChannelsLast(yt, 0, cs, cols, ch, rows, w, bias, relu, out, 2, 0, rows);
                    for (int c = 0; c < ch; c++) {
                        for (int y = 0; y < rows; y++) {
                            for (int x = 0; x < w; x++) {
                                float v = yt[(y * cols + x) * cs + c] + (bias == null ? 0f : bias[c]);
                                float want = relu ? Math.max(v, 0f) : v;
                                if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(out[2 + (c * rows + y) * w + x])) {
                                    throw new AssertionError(java.util.Arrays.toString(sh) + " from channels-last at " + c + "," + y
                                            + "," + x + " bias " + (bias != null) + " relu " + relu);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
