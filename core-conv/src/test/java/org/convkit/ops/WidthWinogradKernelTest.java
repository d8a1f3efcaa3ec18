package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.convkit.ops.KernelTestData.close;
import static org.convkit.ops.KernelTestData.garbage;
import static org.convkit.ops.KernelTestData.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Winograd F(4, r) along the width against the reference loops, forward and backward-data, on odd shapes. */
class WidthWinogradKernelTest {

    /**
     * The error grows with the sum of |x||w| under each output, at most {@code kh * r * channels}
     * for values in [-1, 1). Over 300 random geometries (widths 3 to 5, up to 11 filter rows and
     * 69 channels, dilated heights, every padding) the largest error measured was 2.1e-7 of it,
     * forward or backward-data; checked here against 1e-6.
     */
    private static double tolerance(ConvGeometry g, int channels) {
        return 1e-6 * g.kernelH() * g.kernelW() * channels;
    }

    @Test
    void agreesWithReferenceOnRandomGeometries() {
        SplittableRandom r = new SplittableRandom(61);
        Conv2dKernel ref = new ReferenceConv2dKernel();
        Workspace w1 = new Workspace(), w2 = new Workspace();
        int tested = 0;
        while (tested < 100) {
            int kw = r.nextInt(WidthWinogradKernel.MIN_R, WidthWinogradKernel.MAX_R + 1), kh = r.nextInt(1, 12);
            int dh = r.nextInt(1, 4), cin = r.nextInt(1, 70), cout = r.nextInt(1, 70), h = r.nextInt(1, 40), w = r.nextInt(1, 30);
            int pt = r.nextInt(0, dh * (kh - 1) + 1), pb = r.nextInt(0, dh * (kh - 1) + 1);
            int pl = r.nextInt(0, kw), pr = r.nextInt(0, kw);
            if (h + pt + pb < dh * (kh - 1) + 1 || w + pl + pr < kw) continue;
            ConvGeometry g = new ConvGeometry(cin, h, w, cout, kh, kw, 1, 1, pt, pb, pl, pr, dh, 1, 1);
            float[] x = rand(r, g.inSize()), wt = rand(r, g.weightSize()), b = rand(r, cout);
            float[] y1 = new float[g.outSize()], y2 = garbage(r, g.outSize()), yr = garbage(r, g.outSize());
            ref.forward(g, x, 0, wt, b, y1, 0, w1);
            WidthWinogradKernel.forward(g, x, 0, wt, b, y2, 0, false, w2);
            close(y1, y2, tolerance(g, cin), g + " forward");
            WidthWinogradKernel.forward(g, x, 0, wt, b, yr, 0, true, w2);
            for (int i = 0; i < y1.length; i++) y1[i] = Math.max(y1[i], 0f);
            close(y1, yr, tolerance(g, cin), g + " forward with ReLU");
            float[] dy = rand(r, g.outSize()), dx1 = new float[g.inSize()], dx2 = garbage(r, g.inSize());
            ref.backwardData(g, dy, 0, wt, dx1, 0, w1);
            WidthWinogradKernel.backwardData(g, dy, 0, wt, dx2, 0, w2);
            close(dx1, dx2, tolerance(g, cout), g + " backward-data");
            tested++;
        }
    }

    @Test
    void batchCallsAgreeWithTheReferenceAndGiveTheSameBitsOnOneOrThreeThreadsAndAlone() {
        SplittableRandom r = new SplittableRandom(17);
        // cnn-trad-pool2's second layer, narrowed: 10x4 filters, 13 output columns in four runs, 40 filters
        ConvGeometry g = new ConvGeometry(24, 21, 16, 40, 10, 4, 1, 1, 1, 0, 0, 2, 1, 1, 1);
        int n = 5, is = g.inSize(), os = g.outSize();
        float[] x = rand(r, n * is), wt = rand(r, g.weightSize()), b = rand(r, 40), dy = rand(r, n * os);
        float[] y = new float[n * os], dx = new float[n * is];
        Conv2dKernel ref = new ReferenceConv2dKernel();
        ref.forwardBatch(g, n, x, wt, b, y, true, KernelTestData::scratch);
        for (int i = 0; i < n; i++) ref.backwardData(g, dy, i * os, wt, dx, i * is, new Workspace());
        int before = Parallel.threads();
        try {
            float[][] fwd = new float[3][], bwd = new float[3][];
            int[] threads = {1, 3};
            for (int k = 0; k < 2; k++) {
                Parallel.setThreads(threads[k]);
                fwd[k] = garbage(r, n * os);
                WidthWinogradKernel.forwardBatch(g, n, x, wt, b, fwd[k], true, KernelTestData::scratch);
                close(y, fwd[k], tolerance(g, 24), "batch forward on " + threads[k] + " threads");
                bwd[k] = garbage(r, n * is);
                WidthWinogradKernel.backwardDataBatch(g, n, dy, wt, bwd[k], KernelTestData::scratch);
                close(dx, bwd[k], tolerance(g, 40), "batch backward-data on " + threads[k] + " threads");
            }
            // one example at a time from outside the pool: each step split over the three threads
            fwd[2] = new float[n * os];
            bwd[2] = new float[n * is];
            for (int i = 0; i < n; i++) {
                float[] one = new float[os], d = new float[is];
                WidthWinogradKernel.forward(g, Arrays.copyOfRange(x, i * is, (i + 1) * is), 0, wt, b, one, 0, true,
                        new Workspace());
                System.arraycopy(one, 0, fwd[2], i * os, os);
                WidthWinogradKernel.backwardData(g, Arrays.copyOfRange(dy, i * os, (i + 1) * os), 0, wt, d, 0, new Workspace());
                System.arraycopy(d, 0, bwd[2], i * is, is);
            }
            assertArrayEquals(fwd[0], fwd[1], "forward on 1 and 3 threads");
            assertArrayEquals(fwd[0], fwd[2], "forward of a batch and of its examples one at a time");
            assertArrayEquals(bwd[0], bwd[1], "backward-data on 1 and 3 threads");
            assertArrayEquals(bwd[0], bwd[2], "backward-data of a batch and of its examples one at a time");
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void theScalarLoopsGiveTheVectorBits() {
        SplittableRandom r = new SplittableRandom(8);
        // 37 filters: two vectors and a scalar remainder; 21 channels: padded to 32; width 5, dilated height
        ConvGeometry g = new ConvGeometry(21, 19, 23, 37, 3, 5, 1, 1, 2, 2, 1, 3, 2, 1, 1);
        WidthWinogradKernel.Plan p = WidthWinogradKernel.plan(g);
        float[] xt = rand(r, p.xtSize), v1 = new float[p.n * p.sv], v2 = new float[p.n * p.sv];
        WidthWinogradKernel.inputTransform(p, xt, v1, 0, p.rows);
        WidthWinogradKernel.inputTransformScalar(p, xt, v2, 0, p.rows);
        assertArrayEquals(v2, v1, "input transform");
        for (boolean turned : new boolean[]{false, true}) {
            float[] w = rand(r, g.weightSize()), whole = new float[p.n * p.su], scalar = new float[p.n * p.su];
            WidthWinogradKernel.filterTransform(p, w, turned, whole, 0, g.outChannels());
            WidthWinogradKernel.filterTransformScalar(p, w, turned, scalar, 0, g.outChannels());
            assertArrayEquals(scalar, whole, "filter transform, turned " + turned);
        }
        float[] u = rand(r, p.n * p.su), m1 = new float[p.n * p.sm], m2 = new float[p.n * p.sm];
        WidthWinogradKernel.products(p, v1, u, m1, 0, p.n * p.blocks);
        WidthWinogradKernel.productsScalar(p, v1, u, m2, 0, p.n * p.blocks);
        assertArrayEquals(m2, m1, "products");
        float[] y1 = new float[p.ytSize], y2 = new float[p.ytSize];
        WidthWinogradKernel.outputTransform(p, m1, y1, 0, p.oh);
        WidthWinogradKernel.outputTransformScalar(p, m1, y2, 0, p.oh);
        assertArrayEquals(y2, y1, "output transform");
    }

    @Test
    void takesTheLayersItIsMeantFor() {
        // cnn-trad-pool2's 10x4 layer over 64 channels, its forward and backward-data passes
        ConvGeometry kws = new ConvGeometry(64, 41, 16, 64, 10, 4, 1, 1, 0, 0, 0, 0, 1, 1, 1);
        assertTrue(WidthWinogradKernel.chosen(kws) || !Sgemm.VECTOR || VectorGemm.L < 16);
        assertTrue(WidthWinogradKernel.chosenBackwardData(kws) || !Sgemm.VECTOR || VectorGemm.L < 16);
        // its first layer: one input channel, filters 8 wide
        assertFalse(WidthWinogradKernel.chosen(new ConvGeometry(1, 101, 40, 64, 20, 8, 1, 1, 0, 0, 0, 0, 1, 1, 1)));
        // strided, grouped, dilated along the width, too few channels
        assertFalse(WidthWinogradKernel.chosen(new ConvGeometry(64, 41, 16, 64, 10, 4, 2, 1, 0, 0, 0, 0, 1, 1, 1)));
        assertFalse(WidthWinogradKernel.chosen(new ConvGeometry(64, 41, 16, 64, 10, 4, 1, 1, 0, 0, 0, 0, 1, 1, 2)));
        assertFalse(WidthWinogradKernel.chosen(new ConvGeometry(64, 41, 16, 64, 10, 4, 1, 1, 0, 0, 0, 0, 1, 2, 1)));
        assertFalse(WidthWinogradKernel.chosen(new ConvGeometry(8, 41, 16, 64, 10, 4, 1, 1, 0, 0, 0, 0, 1, 1, 1)));
        // two output columns: one run of 7 multiplications where im2col needs 8
        assertFalse(WidthWinogradKernel.chosen(new ConvGeometry(64, 41, 5, 64, 10, 4, 1, 1, 0, 0, 0, 0, 1, 1, 1)));
        // the dispatcher sends it there and gets the reference's answer
        SplittableRandom r = new SplittableRandom(2);
        float[] x = rand(r, kws.inSize()), w = rand(r, kws.weightSize()), b = rand(r, 64);
        float[] y1 = new float[kws.outSize()], y2 = new float[kws.outSize()];
        new ReferenceConv2dKernel().forward(kws, x, 0, w, b, y1, 0, new Workspace());
        new Im2colConv2dKernel().forward(kws, x, 0, w, b, y2, 0, new Workspace());
        close(y1, y2, tolerance(kws, 64), "cnn-trad-pool2 layer 2 through the dispatcher");
    }
}
