package org.convkit.nn;

import org.convkit.tensor.Tensor;

import java.util.List;

/**
 * Table lookup: row {@code id} of the weight for each token. The gradient is scattered into the
 * rows of the tokens seen; ids are checked to be whole numbers inside the table. A trainable
 * table's gradient is row-sparse ({@link Parameter#sparseRows()}): the rows scattered into are
 * listed, so that the model clears and the optimiser updates only those rows, not the whole table.
 */
final class EmbeddingRuntime extends LayerRuntime {
    private final String name;
    private final int vocab;
    private final int dim;
    private final int paddingId;
    private final Parameter weight;

    EmbeddingRuntime(String name, int vocab, int dim, int paddingId, Parameter weight) {
        this.name = name;
        this.vocab = vocab;
        this.dim = dim;
        this.paddingId = paddingId;
        this.weight = weight;
        if (weight.trainable()) weight.trackRows(dim);
    }

    @Override
    List<Parameter> parameters() {
        return List.of(weight);
    }

    private int id(float v, int k) {
        int id = (int) v;
        if (id != v || id < 0 || id >= vocab) {
            throw new IllegalArgumentException("Embedding '" + name + "': token " + k + " has id " + v
                    + ", expected a whole number in [0, " + vocab + ")");
        }
        return id;
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        float[] ids = in[0].data(), y = out.data(), w = weight.value().data();
        int tokens = in[0].size();
        for (int k = 0; k < tokens; k++) System.arraycopy(w, id(ids[k], k) * dim, y, k * dim, dim);
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        if (!weight.trainable()) return;
        float[] ids = in[0].data(), dy = dOut.data(), dw = weight.grad().data();
        Parameter.SparseRows rows = weight.sparseRows(); // null only when a test forces a dense gradient
        int tokens = in[0].size();
        for (int k = 0; k < tokens; k++) {
            int id = (int) ids[k];
            if (id == paddingId) continue;
            if (rows != null) rows.add(id);
            int o = id * dim;
            for (int d = 0; d < dim; d++) dw[o + d] += dy[k * dim + d];
        }
    }

    @Override
    boolean backwardReadsInputs() {
        return true;
    }

    @Override
    boolean backwardReadsOutput() {
        return false;
    }
}
