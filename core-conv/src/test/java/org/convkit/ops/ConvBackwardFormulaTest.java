package org.convkit.ops;

import org.convkit.nn.Conv2d;
import org.convkit.nn.Model;
import org.convkit.nn.ModelBuilder;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lecture's backward formulas on a 3x3 input and a 2x2 filter (stride 1, no padding):
 * dL/dF is the input convolved with dL/dO, and dL/dX is the full convolution of dL/dO,
 * zero-padded by the filter size minus one, with the filter turned 180 degrees.
 */
class ConvBackwardFormulaTest {

    /** Valid cross-correlation of {@code a} (ah x aw) with {@code k} (kh x kw). */
    static double[] correlate(double[] a, int ah, int aw, double[] k, int kh, int kw) {
        int oh = ah - kh + 1, ow = aw - kw + 1;
        double[] o = new double[oh * ow];
        for (int i = 0; i < oh; i++)
            for (int j = 0; j < ow; j++) {
                double s = 0;
                for (int p = 0; p < kh; p++) for (int q = 0; q < kw; q++) s += a[(i + p) * aw + j + q] * k[p * kw + q];
                o[i * ow + j] = s;
            }
        return o;
    }

    static double[] zeroPad(double[] a, int h, int w, int p) {
        double[] o = new double[(h + 2 * p) * (w + 2 * p)];
        for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) o[(i + p) * (w + 2 * p) + j + p] = a[i * w + j];
        return o;
    }

    static double[] rotate180(double[] k) {
        double[] r = new double[k.length];
        for (int i = 0; i < k.length; i++) r[i] = k[k.length - 1 - i];
        return r;
    }

    /** Runs the Conv2d layer forward and backward and returns {dX, dF}. */
    static float[][] layerGradients(float[] x, float[] f, float[] dO) {
        ModelBuilder b = new ModelBuilder("formula");
        Model m = Model.create(b.build(b.input("x", 1, 3, 3).then("conv", Conv2d.of(1, 2).withBias(false))), 0);
        m.setParameter("conv.weight", Tensor.of(f, 1, 1, 2, 2));
        m.setInputGradients(true);
        m.forward(true, Tensor.of(x, 1, 1, 3, 3));
        m.backward(Tensor.of(dO, 1, 1, 2, 2));
        return new float[][]{m.inputGradient(0).toArray(), m.parameter("conv.weight").grad().toArray()};
    }

    @Test
    void handWorkedExampleMatchesBothFormulasAndTheLayer() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] f = {1, 2, 3, 4};
        float[] dO = {1, -1, 2, 0.5f};
        float[][] g = layerGradients(x, f, dO);
        // Worked by hand: dF[a][b] = sum_ij X[i+a][j+b] dO[i][j]; dX[p][q] = sum_ij dO[i][j] F[p-i][q-j].
        assertArrayEquals(new float[]{9.5f, 12f, 17f, 19.5f}, g[1]);
        assertArrayEquals(new float[]{1, 1, -2, 5, 5.5f, -3, 6, 9.5f, 2}, g[0]);
    }

    @Test
    void formulasHoldExactlyOnRandomValues() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            // Small integers make every product and sum exact in float32, so equality is exact.
            float[] x = new float[9], f = new float[4], dO = new float[4];
            double[] xd = new double[9], fd = new double[4], dOd = new double[4];
            for (int i = 0; i < 9; i++) xd[i] = x[i] = r.nextInt(-5, 6);
            for (int i = 0; i < 4; i++) fd[i] = f[i] = r.nextInt(-5, 6);
            for (int i = 0; i < 4; i++) dOd[i] = dO[i] = r.nextInt(-5, 6);
            float[][] g = layerGradients(x, f, dO);
            double[] dF = correlate(xd, 3, 3, dOd, 2, 2);
            double[] dX = correlate(zeroPad(dOd, 2, 2, 1), 4, 4, rotate180(fd), 2, 2);
            for (int i = 0; i < 4; i++) assertEquals(dF[i], g[1][i], 0.0, "dF[" + i + "]");
            for (int i = 0; i < 9; i++) assertEquals(dX[i], g[0][i], 0.0, "dX[" + i + "]");
        }
    }

    @Test
    void updateRuleMovesTheFilterAgainstTheGradient() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] f = {1, 2, 3, 4};
        float[] dO = {1, -1, 2, 0.5f};
        float[] dF = layerGradients(x, f, dO)[1];
        float lr = 0.5f;
        float[] updated = new float[4];
        for (int i = 0; i < 4; i++) updated[i] = f[i] - lr * dF[i];
        // F <- F - lr * dL/dF with dF = {9.5, 12, 17, 19.5}
        assertArrayEquals(new float[]{1 - 4.75f, 2 - 6f, 3 - 8.5f, 4 - 9.75f}, updated);
    }
}
