package org.convkit.train;

import org.convkit.tensor.Shape;

import java.util.List;

/** The examples of another data set at chosen indices. */
final class SubsetDataset implements Dataset {
    private final Dataset base;
    private final int[] indices;

    SubsetDataset(Dataset base, int[] indices) {
        this.base = base;
        this.indices = indices.clone();
        for (int i = 0; i < this.indices.length; i++) {
            if (this.indices[i] < 0 || this.indices[i] >= base.size()) {
                throw new IndexOutOfBoundsException("subset index " + i + " is " + this.indices[i]
                        + ", outside the data set's " + base.size() + " examples");
            }
        }
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Shape inputShape() {
        return base.inputShape();
    }

    @Override
    public void copyInput(int index, float[] dst, int offset) {
        base.copyInput(indices[index], dst, offset);
    }

    @Override
    public int label(int index) {
        return base.label(indices[index]);
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }

    @Override
    public List<String> labels() {
        return base.labels();
    }
}
