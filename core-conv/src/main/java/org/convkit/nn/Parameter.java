package org.convkit.nn;

import org.convkit.tensor.Tensor;

/**
 * A learned (or, for running statistics, tracked) tensor of a model, with its gradient.
 * Names are {@code node.param}, e.g. {@code conv1.weight}. Gradients are those of the last
 * {@link Model#backward} call (the model zeroes them at the start of each backward pass).
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private final boolean trainable;
    /** The rows the last backward pass wrote gradient into, or null for a dense gradient. */
    private SparseRows sparseRows;
    /** Changes whenever the values may have: forms derived from them (transformed filters) are kept per version. */
    private long version;

    Parameter(String name, Tensor value, boolean trainable) {
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.shape());
        this.trainable = trainable;
    }

    /**
     * Makes the gradient row-sparse: from now on the backward pass lists the rows (of
     * {@code rowWidth} values each) it writes, and every other row of {@link #grad()} is zero.
     */
    void trackRows(int rowWidth) {
        if (rowWidth <= 0 || value.size() % rowWidth != 0) {
            throw new IllegalArgumentException(name + ": " + value.size() + " values do not split into rows of " + rowWidth);
        }
        if (sparseRows == null) {
            sparseRows = new SparseRows(rowWidth, value.size() / rowWidth);
            grad.fill(0f); // nothing listed: the invariant needs an all-zero gradient
        }
    }

    /** Back to a dense gradient (all rows may be nonzero): for tests that compare the two paths. */
    void untrackRows() {
        sparseRows = null;
    }

    /** {@code node.param}. */
    public String name() {
        return name;
    }

    /**
     * The values; optimisers update this tensor in place. Code that writes into it directly, other
     * than through an {@link org.convkit.train.Optimizer} step after {@link Model#backward} or
     * through {@link Model#setParameter}, must call {@link #markChanged()} afterwards.
     */
    public Tensor value() {
        return value;
    }

    /**
     * Records that the values changed. Inference keeps forms derived from a layer's weights (the
     * transformed filters of its Winograd kernels) while the weights stay as they were, so a write
     * into {@link #value()} that is not followed by this call could leave single-example inference
     * on the old weights. Optimisers, {@link Model#setParameter}, {@link Model#backward} (a step
     * may follow) and the loaders call it.
     */
    public void markChanged() {
        version++;
    }

    /** The number of {@link #markChanged()} calls: equal numbers mean the same values. */
    long version() {
        return version;
    }

    /**
     * dL/d(value) from the last backward pass. When {@link #sparseRows()} is not null, only the
     * rows it lists may be nonzero; code that changes the gradient must keep the other rows zero
     * (scaling or clamping, as {@link org.convkit.train.GradientClipping} does, keeps them zero).
     */
    public Tensor grad() {
        return grad;
    }

    /**
     * The rows of {@link #grad()} that may be nonzero, or null when any element may be. An
     * embedding table's gradient touches only the rows of the tokens in the batch (a few thousand
     * of tens of thousands); this lets the model clear and an optimiser update just those rows
     * instead of the whole table. Valid from one {@link Model#backward} to the next.
     */
    public SparseRows sparseRows() {
        return sparseRows;
    }

    /** Whether optimisers update it (false for frozen embeddings and batch-norm running statistics). */
    public boolean trainable() {
        return trainable;
    }

    /** Number of elements. */
    public int size() {
        return value.size();
    }

    @Override
    public String toString() {
        return name + "[" + value.shapeString() + "]";
    }

    /**
     * A read-only view of the rows of a row-sparse gradient: row {@code r} holds elements
     * {@code [r*width(), (r+1)*width())}. Each row is listed at most once, in no particular order.
     * The model reuses the arrays, so nothing is allocated per step.
     */
    public static final class SparseRows {
        private final int width;
        private final int[] ids;
        /** Whether a row is listed; cleared row by row, so a clear costs the rows listed, not the table. */
        private final boolean[] listed;
        private int count;

        SparseRows(int width, int rows) {
            this.width = width;
            this.ids = new int[rows];
            this.listed = new boolean[rows];
        }

        /** Values per row. */
        public int width() {
            return width;
        }

        /** Number of rows of the parameter (listed or not). */
        public int rows() {
            return ids.length;
        }

        /** Number of rows listed. */
        public int count() {
            return count;
        }

        /** The {@code i}-th listed row, {@code 0 <= i < count()}. */
        public int row(int i) {
            if (i < 0 || i >= count) throw new IndexOutOfBoundsException("row " + i + " of " + count + " listed");
            return ids[i];
        }

        /** Lists {@code row} (once). */
        void add(int row) {
            if (!listed[row]) {
                listed[row] = true;
                ids[count++] = row;
            }
        }

        /** Zeroes the listed rows of {@code grad} and empties the list. */
        void clear(float[] grad) {
            for (int i = 0; i < count; i++) {
                int r = ids[i];
                listed[r] = false;
                java.util.Arrays.fill(grad, r * width, (r + 1) * width, 0f);
            }
            count = 0;
        }
    }
}
