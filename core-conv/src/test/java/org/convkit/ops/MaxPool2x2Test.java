package org.convkit.ops;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** 2x2 stride-2 max pooling, vector rows and plain loops, against the definition on ties, signed zeros and NaN. */
class MaxPool2x2Test {

    @Test
    void picksTheFirstMaximumOfEachWindowAndTheFirstNaNOnVectorAndScalarColumns() {
        SplittableRandom r = new SplittableRandom(12);
        // 20 and 37 output columns: a whole vector of 16 and a scalar remainder; odd input sizes left over
        int[][] shapes = {{9, 41}, {6, 75}, {4, 32}};
        for (int[] s : shapes) {
            int h = s[0], w = s[1], oh = h / 2, ow = w / 2, planes = 3;
            float[] x = new float[planes * h * w];
            float[] pool = {-1f, 0f, -0f, 1f, 2f};
            for (int i = 0; i < x.length; i++) x[i] = pool[r.nextInt(pool.length)];
            for (int i = 0; i < 8; i++) x[r.nextInt(x.length)] = Float.NaN;
            float[] y = new float[planes * oh * ow], ys = new float[y.length];
            int[] am = new int[y.length], ams = new int[y.length];
            for (int p = 0; p < planes; p++) {
                MaxPool2x2.plane(x, p * h * w, w, y, p * oh * ow, oh, ow, am);
                for (int oy = 0; oy < oh; oy++) MaxPool2x2.rowScalar(x, p * h * w, w, ys, p * oh * ow, ow, ams, oy, 0);
            }
            assertArrayEquals(ams, am, h + "x" + w + ": the vector rows choose the scalar loop's elements");
            for (int p = 0; p < planes; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int best = -1;
                        for (int k = 0; k < 4; k++) {
                            int i = (2 * oy + k / 2) * w + 2 * ox + k % 2;
                            float v = x[p * h * w + i];
                            boolean nanSeen = best >= 0 && Float.isNaN(x[p * h * w + best]);
                            if (best < 0 || !nanSeen && (Float.isNaN(v) || v > x[p * h * w + best])) best = i;
                        }
                        int o = p * oh * ow + oy * ow + ox;
                        String what = h + "x" + w + " plane " + p + " at " + oy + "," + ox;
                        assertEquals(best, am[o], what);
                        assertEquals(Float.floatToRawIntBits(x[p * h * w + best]), Float.floatToRawIntBits(y[o]), what);
                    }
                }
            }
        }
    }
}
