package org.convkit.train;

import org.convkit.tensor.Shape;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MiniBatchesTest {

    /** 23 examples of shape 2 holding {i, -i}, labelled i % 3. */
    private static ArrayDataset indexed(int n) {
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i % 3;
        }
        return new ArrayDataset(Shape.of(2), x, y, 3);
    }

    private static int[] epochOrder(MiniBatches b, int epoch) {
        b.startEpoch(epoch);
        int[] seen = new int[b.dataset().size()];
        int k = 0;
        while (b.next()) {
            float[] x = b.inputs().data(), y = b.labels().data();
            for (int i = 0; i < b.size(); i++) {
                int idx = (int) x[2 * i];
                assertEquals(-idx, x[2 * i + 1]);
                assertEquals(idx % 3, y[i]);
                assertEquals(idx, b.index(i));
                seen[k++] = idx;
            }
        }
        assertEquals(seen.length, k);
        return seen;
    }

    @Test
    void everyExampleAppearsOncePerEpochAndTheLastPartialBatchIsKept() {
        MiniBatches b = new MiniBatches(indexed(23), 5, true, 42L);
        assertEquals(5, b.batchCount());
        b.startEpoch(0);
        int[] sizes = new int[5];
        int k = 0;
        while (b.next()) {
            sizes[k++] = b.size();
            assertEquals(b.size(), b.inputs().dim(0));
            assertEquals(b.size(), b.labels().size());
        }
        assertArrayEquals(new int[]{5, 5, 5, 5, 3}, sizes);
        for (int epoch = 0; epoch < 4; epoch++) {
            int[] order = epochOrder(b, epoch);
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) assertEquals(i, sorted[i], "epoch " + epoch);
        }
    }

    @Test
    void sameSeedAndEpochGiveTheSameOrder() {
        MiniBatches a = new MiniBatches(indexed(23), 4, true, 7L);
        MiniBatches b = new MiniBatches(indexed(23), 4, true, 7L);
        MiniBatches c = new MiniBatches(indexed(23), 4, true, 8L);
        int[] a0 = epochOrder(a, 0), a1 = epochOrder(a, 1);
        epochOrder(b, 5); // visiting other epochs first changes nothing
        assertArrayEquals(a1, epochOrder(b, 1));
        assertArrayEquals(a0, epochOrder(b, 0));
        assertFalse(Arrays.equals(a0, a1), "epochs 0 and 1 have the same order");
        assertFalse(Arrays.equals(a0, epochOrder(c, 0)), "seeds 7 and 8 give the same order");
    }

    @Test
    void withoutShufflingBatchesFollowIndexOrder() {
        MiniBatches b = new MiniBatches(indexed(7), 3, false, 1L);
        int[] order = epochOrder(b, 3);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6}, order);
    }

    @Test
    void reusesItsBatchTensorsAndAllocatesNothingPerBatch() {
        MiniBatches b = new MiniBatches(indexed(230), 20, true, 3L);
        b.startEpoch(0);
        assertTrue(b.next());
        Tensor in = b.inputs(), lab = b.labels();
        assertTrue(b.next());
        assertSame(in, b.inputs());
        assertSame(lab, b.labels());
        for (int e = 1; e < 200; e++) { // warm up the JIT
            b.startEpoch(e);
            while (b.next()) b.inputs();
        }
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        mx.getThreadAllocatedBytes(tid); // the first reading may set up the counter itself
        // a late JIT recompilation or a safepoint can charge a few bytes to one epoch, so the
        // fewest bytes over five epochs is the figure: an allocation per batch shows in every one
        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            b.startEpoch(1000 + attempt);
            long before = mx.getThreadAllocatedBytes(tid);
            int batches = 0;
            while (b.next()) {
                b.inputs();
                b.labels();
                batches++;
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            assertEquals(12, batches);
            fewest = Math.min(fewest, allocated);
        }
        // one batch of copies would be 20 * 2 floats, and even one 16-byte object per batch makes 192
        assertTrue(fewest < 160, "allocated at least " + fewest + " bytes over 12 batches in each of 5 epochs");
    }
}
