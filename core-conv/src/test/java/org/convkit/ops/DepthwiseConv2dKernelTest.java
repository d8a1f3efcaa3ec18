package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.convkit.ops.KernelTestData.rand;
import static org.convkit.ops.KernelTestData.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct depthwise loops against the reference loops on random odd depthwise geometries. */
class DepthwiseConv2dKernelTest {
    // the reference sums in double; float32 sums of at most a few hundred terms of |v| <= 1 stay within 1e-4
    private static final double TOL = 1e-4;

    @Test
    void agreesWithReferenceOnRandomDepthwiseGeometries() {
        SplittableRandom r = new SplittableRandom(77);
        Conv2dKernel ref = new ReferenceConv2dKernel(), direct = new DepthwiseConv2dKernel(),
                viaIm2col = new Im2colConv2dKernel();
        Workspace w1 = new Workspace(), w2 = new Workspace();
        int tested = 0;
        while (tested < 200) {
            // channel multipliers 1..3, strides and dilations 1..3, padding beyond the kernel's reach
            int cin = r.nextInt(2, 7), mult = r.nextInt(1, 4);
            int kh = r.nextInt(1, 6), kw = r.nextInt(1, 6), dh = r.nextInt(1, 4), dw = r.nextInt(1, 4);
            int h = r.nextInt(1, 15), w = r.nextInt(1, 15);
            int pt = r.nextInt(0, 5), pb = r.nextInt(0, 5), pl = r.nextInt(0, 5), pr = r.nextInt(0, 5);
            if (h + pt + pb < dh * (kh - 1) + 1 || w + pl + pr < dw * (kw - 1) + 1) continue;
            // half the cases at stride 1 (the whole-plane sweeps), the rest strided (per-row loops)
            boolean unit = r.nextBoolean();
            ConvGeometry g = new ConvGeometry(cin, h, w, cin * mult, kh, kw, unit ? 1 : r.nextInt(1, 4),
                    unit ? 1 : r.nextInt(1, 4), pt, pb, pl, pr, dh, dw, cin);
            float[] x = rand(r, g.inSize()), wt = rand(r, g.weightSize()), b = rand(r, g.outChannels());
            float[] dy = rand(r, g.outSize());
            for (Conv2dKernel k : new Conv2dKernel[] {direct, viaIm2col}) {
                float[] y1 = new float[g.outSize()], y2 = new float[g.outSize()];
                ref.forward(g, x, 0, wt, b, y1, 0, w1);
                k.forward(g, x, 0, wt, b, y2, 0, w2);
                close(y1, y2, TOL, g + " forward");
                float[] r1 = new float[g.outSize()], r2 = new float[g.outSize()];
                ref.forwardRelu(g, x, 0, wt, b, r1, 0, w1);
                k.forwardRelu(g, x, 0, wt, b, r2, 0, w2);
                close(r1, r2, TOL, g + " forwardRelu");
                // garbage in the output buffers must be overwritten, not added to
                float[] dx1 = new float[g.inSize()], dx2 = rand(r, g.inSize());
                ref.backwardData(g, dy, 0, wt, dx1, 0, w1);
                k.backwardData(g, dy, 0, wt, dx2, 0, w2);
                close(dx1, dx2, TOL, g + " backwardData");
                // weight gradients add to what is there
                float[] dw1 = new float[g.weightSize()], dw2 = new float[g.weightSize()];
                float[] db1 = new float[g.outChannels()], db2 = new float[g.outChannels()];
                java.util.Arrays.fill(dw1, 0.5f);
                java.util.Arrays.fill(dw2, 0.5f);
                ref.backwardWeights(g, x, 0, dy, 0, dw1, 0, db1, 0, w1);
                k.backwardWeights(g, x, 0, dy, 0, dw2, 0, db2, 0, w2);
                close(dw1, dw2, TOL, g + " backwardWeights");
                close(db1, db2, TOL, g + " bias");
            }
            tested++;
        }
    }

    @Test
    void dotProductsAgreeWithDoubleSumsOnBothPaths() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 3, 15, 16, 17, 64, 1000, 1123}) {
            float[] a = rand(r, n), b = rand(r, n + 7);
            double want = 0;
            for (int j = 0; j < n; j++) want += (double) a[j] * b[7 + j];
            assertEquals(want, DepthwiseConv2dKernel.scalarDot(a, b, 7, n), 1e-4, "scalar, n=" + n);
            if (Sgemm.VECTOR) assertEquals(want, VectorKernels.dot(a, b, 7, n), 1e-4, "vector, n=" + n);
        }
    }

    @Test
    void worksAtOffsetsInsideBatchBuffers() {
        ConvGeometry g = new ConvGeometry(3, 5, 4, 6, 3, 3, 1, 2, 1, 1, 1, 0, 1, 1, 3);
        SplittableRandom r = new SplittableRandom(5);
        float[] x = rand(r, 2 * g.inSize()), wt = rand(r, g.weightSize()), dy = rand(r, 2 * g.outSize());
        Conv2dKernel ref = new ReferenceConv2dKernel(), direct = new DepthwiseConv2dKernel();
        float[] y1 = new float[2 * g.outSize()], y2 = new float[2 * g.outSize()];
        ref.forward(g, x, g.inSize(), wt, null, y1, g.outSize(), new Workspace());
        direct.forward(g, x, g.inSize(), wt, null, y2, g.outSize(), new Workspace());
        close(y1, y2, TOL, "forward at offset");
        for (int i = 0; i < g.outSize(); i++) assertEquals(0f, y2[i], "the first example's output is untouched");
        float[] dw1 = new float[2 * g.weightSize()], dw2 = new float[2 * g.weightSize()];
        ref.backwardWeights(g, x, g.inSize(), dy, g.outSize(), dw1, g.weightSize(), null, 0, new Workspace());
        direct.backwardWeights(g, x, g.inSize(), dy, g.outSize(), dw2, g.weightSize(), null, 0, new Workspace());
        close(dw1, dw2, TOL, "backwardWeights at offset");
    }

    @Test
    void takesOnlyDepthwiseGeometries() {
        assertTrue(DepthwiseConv2dKernel.handles(new ConvGeometry(8, 5, 5, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 8)));
        assertFalse(DepthwiseConv2dKernel.handles(new ConvGeometry(8, 5, 5, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 4)));
        assertFalse(DepthwiseConv2dKernel.handles(new ConvGeometry(1, 5, 5, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        ConvGeometry dense = new ConvGeometry(4, 5, 5, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DepthwiseConv2dKernel()
                .forward(dense, new float[dense.inSize()], 0, new float[dense.weightSize()], null,
                        new float[dense.outSize()], 0, new Workspace()));
        assertTrue(e.getMessage().contains("not a depthwise convolution"), e.getMessage());
    }
}
