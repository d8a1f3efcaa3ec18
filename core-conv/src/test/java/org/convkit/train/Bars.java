package org.convkit.train;

import org.convkit.tensor.Shape;

import java.util.SplittableRandom;

/**
 * A generated two-class image task: 1x8x8 images holding one bright line (value 1) plus Gaussian
 * noise of standard deviation 0.3 everywhere; class 0 has a vertical line at a random column,
 * class 1 a horizontal line at a random row. Separable by a small convolution network.
 */
final class Bars {
    private Bars() {
    }

    static ArrayDataset generate(int n, long seed) {
        return generate(n, seed, false);
    }

    /** With {@code flipped}, every label is swapped: a validation set on which learning the task hurts. */
    static ArrayDataset generate(int n, long seed, boolean flipped) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 64];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int cls = r.nextInt(2), pos = r.nextInt(8);
            for (int row = 0; row < 8; row++) {
                for (int col = 0; col < 8; col++) {
                    boolean on = cls == 0 ? col == pos : row == pos;
                    x[i * 64 + row * 8 + col] = (float) ((on ? 1 : 0) + 0.3 * r.nextGaussian());
                }
            }
            y[i] = flipped ? 1 - cls : cls;
        }
        return new ArrayDataset(Shape.of(1, 8, 8), x, y, java.util.List.of("vertical", "horizontal"));
    }
}
