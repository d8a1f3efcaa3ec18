package org.convkit.nn;

import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dropout's mask, scaling, gradient and seeding. */
class DropoutTest {

    private static Model model(long seed) {
        ModelBuilder b = new ModelBuilder("drop");
        return Model.create(b.build(b.input("x", 1000).then("d", new Dropout(0.3))), seed);
    }

    @Test
    void trainingZeroesAboutRateAndScalesTheRestAndTheGradientUsesTheSameMask() {
        Model m = model(1);
        Tensor x = Tensor.zeros(2, 1000);
        for (int i = 0; i < x.size(); i++) x.data()[i] = 1 + i % 7;
        Tensor y = m.forward(true, x).copy();
        int zeros = 0;
        for (int i = 0; i < y.size(); i++) {
            if (y.data()[i] == 0) zeros++;
            else assertEquals(x.data()[i] / 0.7f, y.data()[i], 1e-5);
        }
        // 2000 Bernoulli(0.3) draws: mean 600, sd ~20.5; 5 sd either side
        assertTrue(zeros > 497 && zeros < 703, "zeros " + zeros);
        Tensor r = Tensor.zeros(2, 1000);
        for (int i = 0; i < r.size(); i++) r.data()[i] = (i % 5) - 2;
        m.setInputGradients(true);
        m.backward(r);
        Tensor dx = m.inputGradient(0);
        for (int i = 0; i < x.size(); i++) {
            float mask = y.data()[i] / x.data()[i];
            assertEquals(r.data()[i] * mask, dx.data()[i], 1e-5);
        }
    }

    @Test
    void inferenceIsTheIdentity() {
        Model m = model(1);
        Tensor x = Tensor.zeros(1, 1000);
        for (int i = 0; i < x.size(); i++) x.data()[i] = i;
        assertArrayEquals(x.toArray(), m.predict(x).toArray());
    }

    @Test
    void sameSeedSameMasks() {
        Tensor x = Tensor.zeros(1, 1000);
        x.fill(1);
        assertArrayEquals(model(5).forward(true, x).toArray(), model(5).forward(true, x).toArray());
    }
}
