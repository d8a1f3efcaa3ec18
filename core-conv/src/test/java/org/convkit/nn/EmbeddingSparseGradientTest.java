package org.convkit.nn;

import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * An embedding table's gradient is row-sparse: the backward pass lists the rows of the batch's
 * tokens, and the next backward pass clears only those rows, so every other row stays zero.
 */
class EmbeddingSparseGradientTest {
    private static final int VOCAB = 30, DIM = 3, TOKENS = 5;

    private static Model model() {
        ModelBuilder b = new ModelBuilder("emb-grad");
        Node x = b.input("ids", TOKENS)
                .then("emb", new Embedding(VOCAB, DIM, true, 0, Init.NORMAL))
                .then("conv", Conv2d.of(2, 2, DIM)).then("pool", new MaxOverTime());
        return Model.create(b.build(x), 5L);
    }

    private static void backward(Model m, float[] ids) {
        Tensor out = m.forward(true, Tensor.of(ids, 2, TOKENS));
        Tensor r = Tensor.zeros(out.shape());
        for (int i = 0; i < r.size(); i++) r.data()[i] = 0.25f * (i + 1);
        m.backward(r);
    }

    @Test
    void backwardClearsRowsOfThePreviousStepAndListsOnlyTheBatchTokens() {
        Model sparse = model(), dense = model();
        dense.parameter("emb.weight").untrackRows(); // the whole gradient zeroed each pass, as before
        assertNull(dense.parameter("emb.weight").sparseRows());
        float[][] batches = {
                {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                {11, 12, 13, 0, 11, 14, 15, 16, 17, 18}, // no token of the first batch: all its rows are stale
                {1, 1, 2, 0, 0, 29, 28, 1, 2, 29},       // repeats within the batch, padding
                {20, 21, 22, 23, 24, 25, 26, 27, 28, 29},
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0},          // only padding: nothing listed, gradient all zero
                {3, 5, 7, 3, 5, 7, 9, 9, 9, 9},
        };
        for (float[] ids : batches) {
            backward(sparse, ids);
            backward(dense, ids);
            Parameter p = sparse.parameter("emb.weight");
            Parameter.SparseRows rows = p.sparseRows();
            assertNotNull(rows);
            TreeSet<Integer> expected = new TreeSet<>(), listed = new TreeSet<>();
            for (float id : ids) if (id != 0) expected.add((int) id);
            for (int i = 0; i < rows.count(); i++) listed.add(rows.row(i));
            assertEquals(expected, listed, "rows listed");
            assertEquals(expected.size(), rows.count(), "each row listed once");
            assertEquals(DIM, rows.width());
            float[] g = p.grad().data(), gd = dense.parameter("emb.weight").grad().data();
            for (int r = 0; r < VOCAB; r++) {
                for (int d = 0; d < DIM; d++) {
                    int i = r * DIM + d;
                    if (!expected.contains(r)) {
                        assertEquals(0, Float.floatToRawIntBits(g[i]), "row " + r + " is not in the batch: +0.0");
                    }
                    assertEquals(Float.floatToRawIntBits(gd[i]), Float.floatToRawIntBits(g[i]), "element " + i + " as dense");
                }
            }
        }
    }
}
