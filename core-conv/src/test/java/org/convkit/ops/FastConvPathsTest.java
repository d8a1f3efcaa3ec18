package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.convkit.ops.KernelTestData.rand;
import static org.convkit.ops.KernelTestData.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GEMM-based kernel against the float64 reference loops on the shapes where its fast paths
 * differ from plain im2col: width-spanning filters read as a strided view of the input (Kim
 * 2014), 1x1 convolutions, ReLU fused into the product, backward-data run as a forward
 * convolution, patch sizes above the shared-dimension block (128) and channel and position
 * counts that are not multiples of the vector width (16) or the register tile (8 x 32).
 */
class FastConvPathsTest {
    private final Conv2dKernel ref = new ReferenceConv2dKernel();
    private final Conv2dKernel fast = new Im2colConv2dKernel();

    @Test
    void widthSpanningFiltersUseTheStridedViewAndAgree() {
        // Kim's 3, 4, 5-word filters over a 1 x 23 x 37 sentence matrix, strides 1 and 2
        for (int h : new int[]{3, 4, 5}) {
            for (int stride : new int[]{1, 2}) {
                ConvGeometry g = new ConvGeometry(1, 23, 37, 19, h, 37, stride, 1, 0, 0, 0, 0, 1, 1, 1);
                assertTrue(Im2colConv2dKernel.isRowView(g), g.toString());
                agree(g, 11L * h + stride);
            }
        }
        // depthwise with width-spanning filters: one channel per group
        ConvGeometry dw = new ConvGeometry(3, 9, 5, 6, 2, 5, 1, 1, 0, 0, 0, 0, 1, 1, 3);
        assertTrue(Im2colConv2dKernel.isRowView(dw));
        agree(dw, 5);
    }

    @Test
    void paddedOrMultiChannelWideFiltersDoNotTakeTheView() {
        assertFalse(Im2colConv2dKernel.isRowView(new ConvGeometry(2, 9, 5, 4, 2, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1)));
        assertFalse(Im2colConv2dKernel.isRowView(new ConvGeometry(1, 9, 5, 4, 2, 5, 1, 1, 1, 1, 0, 0, 1, 1, 1)));
        assertFalse(Im2colConv2dKernel.isRowView(new ConvGeometry(1, 9, 5, 4, 2, 5, 1, 1, 0, 0, 0, 0, 2, 1, 1)));
    }

    @Test
    void backwardDataRunsAsAForwardConvolutionWhereStrideIsOne() {
        // res15 (3x3, dilation 8, padding 8), AlphaGo's 3x3 layers, a 'same'-padded 3x2 layer
        assertTrue(Im2colConv2dKernel.transposedGeometry(new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 8, 8, 8, 8, 8, 8, 1)) != null);
        assertTrue(Im2colConv2dKernel.transposedGeometry(new ConvGeometry(192, 19, 19, 192, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)) != null);
        ConvGeometry t = Im2colConv2dKernel.transposedGeometry(new ConvGeometry(64, 16, 15, 64, 3, 2, 1, 1, 1, 1, 0, 1, 1, 1, 1));
        assertEquals(16, t.outH());
        assertEquals(15, t.outW());
        // cnn-trad-pool2's unpadded 10x4 layer: the full convolution would sum over 656 positions for 416 outputs
        assertEquals(null, Im2colConv2dKernel.transposedGeometry(new ConvGeometry(64, 41, 16, 64, 10, 4, 1, 1, 0, 0, 0, 0, 1, 1, 1)));
        // first layers (few channels, many filters) keep col2im: AlphaGo's 48 -> 192, a 1-channel spectrogram
        assertEquals(null, Im2colConv2dKernel.transposedGeometry(new ConvGeometry(48, 19, 19, 192, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1)));
        assertEquals(null, Im2colConv2dKernel.transposedGeometry(new ConvGeometry(1, 101, 40, 64, 20, 8, 1, 1, 0, 0, 0, 0, 1, 1, 1)));
        // strides, groups and padding beyond the kernel's reach keep col2im
        assertEquals(null, Im2colConv2dKernel.transposedGeometry(new ConvGeometry(20, 9, 9, 20, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1)));
        assertEquals(null, Im2colConv2dKernel.transposedGeometry(new ConvGeometry(20, 9, 9, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2)));
        assertEquals(null, Im2colConv2dKernel.transposedGeometry(new ConvGeometry(20, 9, 9, 20, 3, 3, 1, 1, 3, 0, 0, 0, 1, 1, 1)));
        ConvGeometry asym = new ConvGeometry(17, 12, 10, 20, 3, 2, 1, 1, 2, 2, 3, 0, 2, 3, 1); // asymmetric padding, dilation
        assertTrue(Im2colConv2dKernel.transposedGeometry(asym) != null);
        agree(asym, 6);
        agree(new ConvGeometry(64, 16, 15, 64, 3, 2, 1, 1, 1, 1, 0, 1, 1, 1, 1), 7);
    }

    @Test
    void pointwiseAndLargePatchesAndRaggedTilesAgree() {
        agree(new ConvGeometry(45, 7, 9, 17, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1), 1);       // 1x1: no unrolling
        agree(new ConvGeometry(45, 11, 13, 45, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2, 1), 2);     // res15-like, K = 405
        agree(new ConvGeometry(33, 9, 9, 20, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1), 3);       // K = 825, 81 positions
        agree(new ConvGeometry(5, 21, 17, 9, 4, 3, 2, 3, 1, 2, 0, 1, 1, 2, 1), 4);       // strides, uneven padding
        agree(new ConvGeometry(1, 40, 12, 64, 20, 8, 1, 1, 0, 0, 0, 0, 1, 1, 1), 5);     // W1 conv1 shape, smaller
    }

    private void agree(ConvGeometry g, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = rand(r, g.inSize()), w = rand(r, g.weightSize()), b = rand(r, g.outChannels()), dy = rand(r, g.outSize());
        Workspace w1 = new Workspace(), w2 = new Workspace();
        double scale = Math.sqrt(g.filterSize()); // sums of K products of U(-1,1) values: float32 error grows ~ sqrt(K)
        float[] y1 = new float[g.outSize()], y2 = new float[g.outSize()];
        ref.forward(g, x, 0, w, b, y1, 0, w1);
        fast.forward(g, x, 0, w, b, y2, 0, w2);
        close(y1, y2, 2e-6 * g.filterSize() + 1e-5, g + " forward");
        float[] y3 = new float[g.outSize()];
        fast.forwardRelu(g, x, 0, w, b, y3, 0, w2);
        for (int i = 0; i < y1.length; i++) assertEquals(Math.max(y1[i], 0f), y3[i], 2e-6 * g.filterSize() + 1e-5, g + " relu " + i);
        float[] dx1 = new float[g.inSize()], dx2 = new float[g.inSize()];
        java.util.Arrays.fill(dx2, 7f); // must be overwritten
        ref.backwardData(g, dy, 0, w, dx1, 0, w1);
        fast.backwardData(g, dy, 0, w, dx2, 0, w2);
        close(dx1, dx2, 1e-5 * scale * g.outChannels() / g.groups(), g + " backwardData");
        float[] dw1 = new float[g.weightSize()], dw2 = new float[g.weightSize()], db1 = new float[g.outChannels()],
                db2 = new float[g.outChannels()];
        java.util.Arrays.fill(dw1, 0.5f);
        java.util.Arrays.fill(dw2, 0.5f); // accumulated into
        ref.backwardWeights(g, x, 0, dy, 0, dw1, 0, db1, 0, w1);
        fast.backwardWeights(g, x, 0, dy, 0, dw2, 0, db2, 0, w2);
        int positions = g.outH() * g.outW();
        close(dw1, dw2, 2e-6 * positions + 1e-5, g + " backwardWeights");
        close(db1, db2, 2e-6 * positions + 1e-5, g + " bias");
    }
}
