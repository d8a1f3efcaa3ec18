package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which buffer ("slot") holds each value's gradient during a backward pass. Walking the nodes
 * backwards, a value's gradient comes alive when the last node reading it is reached and dies
 * once the value's own node has passed it on, so slots are reused: a chain of layers needs about
 * three. A value read by several nodes gets its gradient from the first of them (in backward
 * order) directly and from the others through a scratch slot that is added in. Model inputs get
 * slots of their own, so their gradients stay readable after the pass.
 *
 * @param gradSlot   per value (inputs then nodes): its gradient's slot, -1 when it gets none
 * @param mode       per node and input: {@link #NONE}, {@link #DIRECT} or {@link #SCRATCH}
 * @param scratchSlot per node and input: the scratch slot, -1 unless the mode is SCRATCH
 * @param slotSizes  per slot: floats per example
 */
record GradientPlan(int[] gradSlot, byte[][] mode, int[][] scratchSlot, int[] slotSizes) {
    static final byte NONE = 0;
    static final byte DIRECT = 1;
    static final byte SCRATCH = 2;

    static GradientPlan of(int[][] sources, Shape[] valueShapes, int inputCount, int output, boolean inputGradients) {
        int total = valueShapes.length;
        int[] gradSlot = new int[total];
        Arrays.fill(gradSlot, -1);
        byte[][] mode = new byte[sources.length][];
        int[][] scratch = new int[sources.length][];
        List<Integer> sizes = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        gradSlot[output] = take(sizes, free, valueShapes[output].size());
        for (int j = sources.length - 1; j >= 0; j--) {
            int v = inputCount + j;
            int[] src = sources[j];
            mode[j] = new byte[src.length];
            scratch[j] = new int[src.length];
            Arrays.fill(scratch[j], -1);
            if (gradSlot[v] < 0) continue; // does not reach the output
            for (int k = 0; k < src.length; k++) {
                int s = src[k];
                if (s < inputCount && !inputGradients) continue;
                if (gradSlot[s] < 0) {
                    // an input's slot is its own: it is zeroed before the pass and read after it
                    gradSlot[s] = s < inputCount ? newSlot(sizes, valueShapes[s].size()) : take(sizes, free, valueShapes[s].size());
                    mode[j][k] = DIRECT;
                } else {
                    scratch[j][k] = take(sizes, free, valueShapes[s].size());
                    mode[j][k] = SCRATCH;
                }
            }
            for (int k = 0; k < src.length; k++) if (scratch[j][k] >= 0) free.add(scratch[j][k]);
            free.add(gradSlot[v]);
        }
        return new GradientPlan(gradSlot, mode, scratch, sizes.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int newSlot(List<Integer> sizes, int size) {
        sizes.add(size);
        return sizes.size() - 1;
    }

    /** A free slot (the smallest that fits, else the largest, grown), or a new one. */
    private static int take(List<Integer> sizes, List<Integer> free, int size) {
        int best = -1;
        for (int i = 0; i < free.size(); i++) {
            int s = free.get(i), have = sizes.get(s);
            if (best < 0) {
                best = i;
                continue;
            }
            int b = sizes.get(free.get(best));
            boolean fits = have >= size, bestFits = b >= size;
            if (fits && (!bestFits || have < b) || !fits && !bestFits && have > b) best = i;
        }
        if (best < 0) return newSlot(sizes, size);
        int s = free.remove(best);
        sizes.set(s, Math.max(sizes.get(s), size));
        return s;
    }
}
