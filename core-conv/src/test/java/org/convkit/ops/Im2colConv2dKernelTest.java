package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.convkit.ops.KernelTestData.rand;
import static org.convkit.ops.KernelTestData.close;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fast kernel against the reference loops on many random odd geometries. */
class Im2colConv2dKernelTest {
    // the reference sums in double; float32 sums of at most a few hundred terms of |v| <= 1 stay within 1e-4
    private static final double TOL = 1e-4;

    @Test
    void agreesWithReferenceOnRandomGeometries() {
        SplittableRandom r = new SplittableRandom(2024);
        Conv2dKernel ref = new ReferenceConv2dKernel(), fast = new Im2colConv2dKernel();
        Workspace w1 = new Workspace(), w2 = new Workspace();
        int tested = 0;
        while (tested < 150) {
            int groups = r.nextInt(4) == 0 ? r.nextInt(1, 4) : 1;
            int cin = groups * r.nextInt(1, 5), cout = groups * r.nextInt(1, 6);
            int kh = r.nextInt(1, 6), kw = r.nextInt(1, 6), dh = r.nextInt(1, 4), dw = r.nextInt(1, 4);
            int h = r.nextInt(1, 14), w = r.nextInt(1, 14);
            int pt = r.nextInt(0, 3), pb = r.nextInt(0, 3), pl = r.nextInt(0, 3), pr = r.nextInt(0, 3);
            if (h + pt + pb < dh * (kh - 1) + 1 || w + pl + pr < dw * (kw - 1) + 1) continue;
            ConvGeometry g = new ConvGeometry(cin, h, w, cout, kh, kw, r.nextInt(1, 4), r.nextInt(1, 4), pt, pb, pl, pr,
                    dh, dw, groups);
            float[] x = rand(r, g.inSize()), wt = rand(r, g.weightSize()), b = rand(r, cout), dy = rand(r, g.outSize());
            float[] y1 = new float[g.outSize()], y2 = new float[g.outSize()];
            ref.forward(g, x, 0, wt, b, y1, 0, w1);
            fast.forward(g, x, 0, wt, b, y2, 0, w2);
            close(y1, y2, TOL, g + " forward");
            float[] dx1 = new float[g.inSize()], dx2 = new float[g.inSize()];
            ref.backwardData(g, dy, 0, wt, dx1, 0, w1);
            fast.backwardData(g, dy, 0, wt, dx2, 0, w2);
            close(dx1, dx2, TOL, g + " backwardData");
            float[] dw1 = new float[g.weightSize()], dw2 = new float[g.weightSize()];
            float[] db1 = new float[cout], db2 = new float[cout];
            ref.backwardWeights(g, x, 0, dy, 0, dw1, 0, db1, 0, w1);
            fast.backwardWeights(g, x, 0, dy, 0, dw2, 0, db2, 0, w2);
            close(dw1, dw2, TOL, g + " backwardWeights");
            close(db1, db2, TOL, g + " bias");
            tested++;
        }
    }

    @Test
    void aLargeSingleExampleGivesTheSameBitsOnOneOrThreeThreads() {
        // 8 x 5 x 5 taps over 40 x 36 positions: 288,000 unrolled values, above the threshold at
        // which a call from outside the pool fills the matrix on several threads
        ConvGeometry g = new ConvGeometry(8, 42, 38, 16, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        SplittableRandom r = new SplittableRandom(9);
        float[] x = rand(r, g.inSize()), wt = rand(r, g.weightSize()), b = rand(r, g.outChannels());
        int before = Parallel.threads();
        try {
            float[] y1 = new float[g.outSize()], y3 = new float[g.outSize()], ref = new float[g.outSize()];
            Parallel.setThreads(1);
            new Im2colConv2dKernel().forward(g, x, 0, wt, b, y1, 0, new Workspace());
            Parallel.setThreads(3);
            new Im2colConv2dKernel().forward(g, x, 0, wt, b, y3, 0, new Workspace());
            org.junit.jupiter.api.Assertions.assertArrayEquals(y1, y3);
            new ReferenceConv2dKernel().forward(g, x, 0, wt, b, ref, 0, new Workspace());
            close(ref, y3, TOL, "large single example");
        } finally {
            Parallel.setThreads(before);
        }
    }
}
