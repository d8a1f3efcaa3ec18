package org.convkit.train;

import org.convkit.tensor.Shape;

import java.util.List;

/**
 * A labelled classification data set with examples of one shape, read by index. Implementations
 * may hold the data in memory ({@link ArrayDataset}) or compute it on demand; {@link #copyInput}
 * must return the same values for the same index every time.
 */
public interface Dataset {

    /** Number of examples. */
    int size();

    /** The shape of one example's input (without the batch dimension). */
    Shape inputShape();

    /**
     * Copies example {@code index}'s input ({@code inputShape().size()} floats, row-major) into
     * {@code dst} at {@code offset}.
     */
    void copyInput(int index, float[] dst, int offset);

    /** The class of example {@code index}, in {@code [0, numClasses())}. */
    int label(int index);

    /** Number of classes. */
    int numClasses();

    /** Class names, indexed by label ({@code "0"}..{@code "K-1"} when the classes have no names). */
    List<String> labels();

    /**
     * A view of the examples at {@code indices} (in that order; repeats allowed), sharing this
     * data set's storage: for train/validation splits and cross-validation folds.
     *
     * @throws IndexOutOfBoundsException naming the first index outside {@code [0, size())}
     */
    default Dataset subset(int... indices) {
        return new SubsetDataset(this, indices);
    }
}
