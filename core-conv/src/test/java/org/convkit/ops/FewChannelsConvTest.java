package org.convkit.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FewChannelsConv} through {@link Im2colConv2dKernel#forwardBatchFused}: layers with few
 * input channels, in every layout with a channels-last map, must give the bits of the steps apart
 * (normalise, the im2col product, add).
 */
class FewChannelsConvTest {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void givesTheBitsOfTheStepsApart() {
        SplittableRandom r = new SplittableRandom(17);
        // res15's conv0; three channels; stride, dilation, uneven padding, 1x1 and 5x1 filters;
        // output channel counts off the vector width
        ConvGeometry[] gs = {
                new ConvGeometry(1, 101, 40, 45, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(3, 13, 17, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(2, 15, 12, 7, 3, 3, 2, 1, 0, 2, 1, 0, 2, 1, 1),
                new ConvGeometry(3, 9, 10, 33, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1),
                new ConvGeometry(1, 20, 9, 64, 5, 1, 1, 1, 2, 2, 0, 0, 1, 1, 1),
        };
        Im2colConv2dKernel k = new Im2colConv2dKernel();
        for (int threads : new int[]{1, 2}) {
            Parallel.setThreads(threads);
            for (ConvGeometry g : gs) {
                assertEquals(Sgemm.VECTOR, k.fusesSmallBatches(g), g.toString());
                if (!Sgemm.VECTOR) continue;
                // layout 0 leaves the steps to the caller (below)
                for (int n : new int[]{1, 3}) FusedForwardTest.assertFusedGivesTheStepsApart(k, g, n, threads, r, 1, false);
            }
        }
    }

    @Test
    void leavesChannelsFirstMapsToTheSteps() {
        ConvGeometry g = new ConvGeometry(1, 8, 8, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        float[] y = new float[g.outSize()];
        assertFalse(new Im2colConv2dKernel().forwardBatchFused(g, 1, new float[g.inSize()], new float[g.weightSize()], null, 0,
                null, y, false, new ChannelNorm(1), new float[g.outSize()], 0, s -> new float[s]));
    }

    @Test
    void takesOnlyLayersOfFewTaps() {
        // cnn-trad-pool2's first layer (1 channel, 20x8: 160 taps) and grouped layers stay with the im2col product
        assertFalse(FewChannelsConv.handles(new ConvGeometry(1, 101, 40, 64, 20, 8, 1, 1, 0, 0, 0, 0, 1, 1, 1)));
        assertFalse(FewChannelsConv.handles(new ConvGeometry(2, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2)));
        assertFalse(FewChannelsConv.handles(new ConvGeometry(4, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        assertEquals(Sgemm.VECTOR, FewChannelsConv.handles(new ConvGeometry(3, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
    }

    @Test
    void refusesAChannelsLastAddendToAChannelsFirstOutput() {
        ConvGeometry g = new ConvGeometry(1, 8, 8, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> FewChannelsConv.forwardBatch(g, 1, new float[g.inSize()],
                new float[g.weightSize()], null, new float[g.outSize()], false, null, new float[g.outSize()],
                Conv2dKernel.INPUT_CHANNELS_LAST | Conv2dKernel.ADDEND_CHANNELS_LAST));
    }
}
