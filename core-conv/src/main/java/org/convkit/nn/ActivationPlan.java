package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Which buffer holds each node's output. A value some layer's backward pass reads (or the
 * model's output) keeps a buffer of its own; any other value only has to live from the node that
 * writes it to the last node that reads it in the forward pass, so such values share a few
 * reused buffers. Values fused into one buffer (a convolution and its ReLU) are planned as one.
 *
 * @param slotOf    per value (inputs then nodes): its buffer, -1 for model inputs
 * @param slotSizes per buffer: floats per example
 */
record ActivationPlan(int[] slotOf, int[] slotSizes) {

    static ActivationPlan of(int[][] sources, Shape[] valueShapes, int inputCount, int output, int[] alias,
                             List<LayerRuntime> runtimes) {
        return of(sources, valueShapes, inputCount, output, alias, runtimes, true);
    }

    /**
     * With {@code forBackward} false, the plan of forward passes that no backward pass follows:
     * only the output keeps a buffer of its own, every other value shares the reused ones.
     */
    static ActivationPlan of(int[][] sources, Shape[] valueShapes, int inputCount, int output, int[] alias,
                             List<LayerRuntime> runtimes, boolean forBackward) {
        int total = valueShapes.length, nodes = sources.length;
        boolean[] keep = new boolean[total];
        int[] lastRead = new int[total];
        int[] size = new int[total];
        java.util.Arrays.fill(lastRead, -1);
        keep[alias[output]] = true;
        for (int j = 0; j < nodes; j++) {
            int v = inputCount + j, root = alias[v];
            size[root] = Math.max(size[root], valueShapes[v].size());
            lastRead[root] = Math.max(lastRead[root], j);
            if (forBackward && runtimes.get(j).backwardReadsOutput()) keep[root] = true;
            for (int s : sources[j]) {
                if (s < inputCount) continue;
                int r = alias[s];
                lastRead[r] = Math.max(lastRead[r], j);
                if (forBackward && runtimes.get(j).backwardReadsInputs()) keep[r] = true;
            }
        }
        int[] slotOf = new int[total];
        java.util.Arrays.fill(slotOf, -1);
        List<Integer> sizes = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        for (int j = 0; j < nodes; j++) {
            int root = alias[inputCount + j];
            if (slotOf[root] < 0) {
                if (keep[root]) {
                    sizes.add(size[root]);
                    slotOf[root] = sizes.size() - 1;
                } else {
                    slotOf[root] = take(sizes, free, size[root]);
                }
            }
            // after node j has run, buffers whose last reader it was are free again
            for (int v = inputCount; v < total; v++) {
                if (alias[v] == v && !keep[v] && slotOf[v] >= 0 && lastRead[v] == j) free.add(slotOf[v]);
            }
        }
        for (int v = inputCount; v < total; v++) slotOf[v] = slotOf[alias[v]];
        return new ActivationPlan(slotOf, sizes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A free buffer (the smallest that fits, else the largest, grown), or a new one. */
    private static int take(List<Integer> sizes, List<Integer> free, int size) {
        int best = -1;
        for (int i = 0; i < free.size(); i++) {
            if (best < 0) {
                best = i;
                continue;
            }
            int have = sizes.get(free.get(i)), b = sizes.get(free.get(best));
            boolean fits = have >= size, bestFits = b >= size;
            if (fits && (!bestFits || have < b) || !fits && !bestFits && have > b) best = i;
        }
        if (best < 0) {
            sizes.add(size);
            return sizes.size() - 1;
        }
        int s = free.remove(best);
        sizes.set(s, Math.max(sizes.get(s), size));
        return s;
    }
}
