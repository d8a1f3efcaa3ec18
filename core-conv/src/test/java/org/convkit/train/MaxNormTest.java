package org.convkit.train;

import org.convkit.nn.Model;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaxNormTest {

    @Test
    void rescalesOnlyRowsWhoseNormExceedsTheBound() {
        Model m = TinyModels.denseWithBatchNorm();
        // row 0 has norm 5 (3-4-0), row 1 has norm 3 (1-2-2), exactly the bound
        m.setParameter("dense.weight", Tensor.of(new float[]{3, 4, 0, 1, 2, 2}, 2, 3));
        m.setParameter("dense.bias", Tensor.of(new float[]{10, -10}, 2));
        MaxNorm.of(3, "dense.weight").apply(m);
        // row 0 scaled by 3/5
        assertArrayEquals(new float[]{1.8f, 2.4f, 0, 1, 2, 2}, m.parameter("dense.weight").value().toArray(), 1e-6f);
        assertArrayEquals(new float[]{10, -10}, m.parameter("dense.bias").value().toArray());
    }

    @Test
    void treatsEachConvolutionFilterAsARow() {
        Model m = TinyModels.smallConvNet(2, 3L);
        float[] w = new float[4 * 9];
        for (int f = 0; f < 4; f++) for (int j = 0; j < 9; j++) w[f * 9 + j] = f; // filter f has norm 3f
        m.setParameter("conv.weight", Tensor.of(w, 4, 1, 3, 3));
        MaxNorm.of(4.5, "conv.weight").apply(m);
        float[] after = m.parameter("conv.weight").value().toArray();
        // filters 0 and 1 (norms 0 and 3) untouched; filters 2 and 3 (norms 6 and 9) get norm 4.5: 4.5 / sqrt(9) = 1.5 per element
        float[] expected = new float[36];
        for (int j = 0; j < 9; j++) {
            expected[9 + j] = 1;
            expected[18 + j] = 1.5f;
            expected[27 + j] = 1.5f;
        }
        assertArrayEquals(expected, after, 1e-6f);
    }

    @Test
    void namesAnUnknownParameter() {
        Model m = TinyModels.denseWithBatchNorm();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaxNorm.of(3, "softmax.weight").apply(m));
        assertTrue(e.getMessage().contains("softmax.weight"), e.getMessage());
    }
}
