package org.convkit.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GatheredConv}: the im2col product with each strip of the unrolled matrix packed from the
 * input must give the bits of the product on the unrolled matrix, and the reference convolution
 * within rounding.
 */
class GatheredConvTest {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** The product on the unrolled matrix, as {@link Im2colConv2dKernel} ran it before. */
    private static float[] unrolled(ConvGeometry g, float[] x, float[] w, float[] b, boolean relu) {
        int p = g.outH() * g.outW(), k = g.filterSize();
        float[] col = new float[k * p], y = new float[g.outSize()];
        Im2colConv2dKernel.im2col(g, 0, x, 0, col);
        Sgemm.gemm(false, false, g.outChannels(), p, k, w, 0, k, col, 0, p, y, 0, p, false, b, 0, relu);
        return y;
    }

    @Test
    void givesTheBitsOfTheUnrolledProduct() {
        SplittableRandom r = new SplittableRandom(5);
        // cnn-trad-pool2's conv1 (160 taps: two blocks of the shared dimension); 3x3 on three
        // channels; 5x1, dilation, uneven padding, stride down the map; channel counts off the
        // micro-kernel's 8 rows; positions off its 32 columns
        ConvGeometry[] gs = {
                new ConvGeometry(1, 101, 40, 64, 20, 8, 1, 1, 0, 0, 0, 0, 1, 1, 1),
                new ConvGeometry(3, 17, 19, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(2, 23, 13, 17, 5, 1, 2, 1, 2, 1, 0, 0, 2, 1, 1),
                new ConvGeometry(1, 30, 30, 45, 3, 3, 1, 1, 0, 2, 1, 0, 2, 3, 1),
        };
        for (ConvGeometry g : gs) {
            assertEquals(Sgemm.VECTOR, GatheredConv.chosen(g), g.toString());
            if (!Sgemm.VECTOR) continue;
            float[] x = KernelTestData.rand(r, 2 * g.inSize()), w = KernelTestData.rand(r, g.weightSize());
            float[] b = KernelTestData.rand(r, g.outChannels());
            float[] x1 = java.util.Arrays.copyOfRange(x, g.inSize(), 2 * g.inSize());
            for (boolean relu : new boolean[]{false, true}) {
                for (float[] bias : new float[][]{b, null}) {
                    float[] want = unrolled(g, x1, w, bias, relu);
                    float[] ref = new float[g.outSize()];
                    new ReferenceConv2dKernel().forward(g, x1, 0, w, bias, ref, 0, new Workspace());
                    for (int i = 0; relu && i < ref.length; i++) ref[i] = Math.max(ref[i], 0f);
                    KernelTestData.close(ref, want, 1e-4 * g.filterSize(), g + " against the reference");
                    for (int threads : new int[]{1, 2, 3}) {
                        Parallel.setThreads(threads);
                        // the example at an offset, the output's neighbours left alone
                        float[] y = KernelTestData.garbage(r, 3 * g.outSize()), before = y.clone();
                        GatheredConv.forward(g, x, g.inSize(), w, bias, y, g.outSize(), relu, new Workspace());
                        assertArrayEquals(want, java.util.Arrays.copyOfRange(y, g.outSize(), 2 * g.outSize()),
                                g + " relu " + relu + " bias " + (bias != null) + " threads " + threads);
                        assertArrayEquals(java.util.Arrays.copyOfRange(before, 0, g.outSize()),
                                java.util.Arrays.copyOfRange(y, 0, g.outSize()));
                        assertArrayEquals(java.util.Arrays.copyOfRange(before, 2 * g.outSize(), 3 * g.outSize()),
                                java.util.Arrays.copyOfRange(y, 2 * g.outSize(), 3 * g.outSize()));
                    }
                }
            }
        }
    }

    @Test
    void takesOnlyLayersOfFewChannelsAndStrideOneAcross() {
        assertFalse(GatheredConv.chosen(new ConvGeometry(4, 10, 10, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        assertFalse(GatheredConv.chosen(new ConvGeometry(1, 10, 10, 8, 3, 3, 1, 2, 1, 1, 1, 1, 1, 1, 1)));
        assertFalse(GatheredConv.chosen(new ConvGeometry(2, 10, 10, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2)));
    }
}
