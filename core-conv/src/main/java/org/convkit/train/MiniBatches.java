package org.convkit.train;

import org.convkit.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * Iterates over a data set in mini-batches, writing each batch into tensors it owns and reuses
 * (nothing is allocated per batch). With shuffling, the order of epoch {@code e} is a
 * Fisher-Yates permutation drawn from a {@link SplittableRandom} seeded by {@code (seed, e)}: it
 * depends only on the seed and the epoch number, so the same seed gives the same order and a run
 * resumed at epoch {@code e} sees the same batches. Every example appears exactly once per
 * epoch; the last batch holds the remainder when the size is not a multiple of the batch size.
 *
 * <pre>{@code
 * MiniBatches batches = new MiniBatches(train, 50, true, seed);
 * batches.startEpoch(epoch);
 * while (batches.next()) model.forward(true, batches.inputs());
 * }</pre>
 */
public final class MiniBatches {
    private final Dataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int exampleSize;
    private final int[] order;
    private final float[] inputBuf;
    private final float[] labelBuf;
    private final Tensor fullInputs, fullLabels, lastInputs, lastLabels;
    private int position;
    private int current;
    private int batchIndex = -1;

    /**
     * @param data      the examples
     * @param batchSize examples per batch ({@code > 0})
     * @param shuffle   whether each epoch visits the examples in a fresh seeded order (else in index order)
     * @param seed      the shuffling seed
     * @throws IllegalArgumentException if the data set is empty or the batch size is not positive
     */
    public MiniBatches(Dataset data, int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        if (data.size() == 0) throw new IllegalArgumentException("the data set is empty");
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.exampleSize = data.inputShape().size();
        this.order = new int[data.size()];
        int cap = Math.min(batchSize, data.size());
        this.inputBuf = new float[Math.multiplyExact(cap, exampleSize)];
        this.labelBuf = new float[cap];
        this.fullInputs = Tensor.wrap(inputBuf, data.inputShape().withBatch(cap));
        this.fullLabels = Tensor.wrap(labelBuf, cap);
        int rest = data.size() % cap;
        this.lastInputs = rest == 0 ? fullInputs : Tensor.wrap(inputBuf, data.inputShape().withBatch(rest));
        this.lastLabels = rest == 0 ? fullLabels : Tensor.wrap(labelBuf, rest);
        startEpoch(0);
    }

    /** Number of batches per epoch, the last one possibly partial. */
    public int batchCount() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** The configured batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** The data set iterated over. */
    public Dataset dataset() {
        return data;
    }

    /** Rewinds to the start of epoch {@code epoch} (0-based), drawing its order when shuffling. */
    public void startEpoch(int epoch) {
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(mix(seed, epoch));
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        position = 0;
        current = 0;
        batchIndex = -1;
    }

    /**
     * Loads the next batch into {@link #inputs()} and {@link #labels()}.
     *
     * @return false when the epoch is over (nothing is loaded)
     */
    public boolean next() {
        if (position >= order.length) return false;
        int n = Math.min(batchSize, order.length - position);
        for (int i = 0; i < n; i++) {
            int idx = order[position + i];
            data.copyInput(idx, inputBuf, i * exampleSize);
            labelBuf[i] = data.label(idx);
        }
        current = n;
        position += n;
        batchIndex++;
        return true;
    }

    /** The current batch's inputs, {@code N x inputShape} (a reused buffer, valid until the next call). */
    public Tensor inputs() {
        requireBatch();
        return current == fullInputs.dim(0) ? fullInputs : lastInputs;
    }

    /** The current batch's labels as floats, an {@code N} tensor (a reused buffer). */
    public Tensor labels() {
        requireBatch();
        return current == fullLabels.dim(0) ? fullLabels : lastLabels;
    }

    /** Number of examples in the current batch. */
    public int size() {
        return current;
    }

    /** 0-based number of the current batch within the epoch. */
    public int batchIndex() {
        return batchIndex;
    }

    /** The data set index of example {@code i} of the current batch. */
    public int index(int i) {
        requireBatch();
        if (i < 0 || i >= current) throw new IndexOutOfBoundsException("example " + i + " of a batch of " + current);
        return order[position - current + i];
    }

    /** The example order of the current epoch (a copy). */
    public int[] order() {
        return order.clone();
    }

    private void requireBatch() {
        if (current == 0) throw new IllegalStateException("no batch loaded; call next() first");
    }

    /** Mixes a seed and a stream number (MurmurHash3's 64-bit finaliser) so nearby epochs get unrelated streams. */
    static long mix(long seed, long stream) {
        long h = seed ^ (stream + 1) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
