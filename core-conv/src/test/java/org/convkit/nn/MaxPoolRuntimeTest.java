package org.convkit.nn;

import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Max pooling on non-overlapping windows (the tiled path, which selects by index) and on
 * overlapping or padded ones (the clipping path) against a plain definition: the largest value,
 * the first of equal ones, NaN wherever a window holds one (the first NaN), and the gradient routed
 * to that element alone.
 */
class MaxPoolRuntimeTest {

    @Test
    void tiledAndClippedWindowsPickTheFirstMaximumAndPropagateNaN() {
        SplittableRandom r = new SplittableRandom(4);
        // {poolH, poolW, strideH, strideW, padTop, padLeft} on 3 channels of 9 x 11, two examples
        int[][] cases = {{2, 2, 2, 2, 0, 0}, {3, 2, 3, 2, 0, 0}, {2, 3, 2, 3, 0, 0}, {3, 3, 2, 2, 0, 0}, {2, 2, 2, 2, 1, 1}};
        for (int[] k : cases) {
            int c = 3, h = 9, w = 11, n = 2;
            int oh = (h + 2 * k[4] - k[0]) / k[2] + 1, ow = (w + 2 * k[5] - k[1]) / k[3] + 1;
            PoolGeometry g = new PoolGeometry(c, h, w, k[0], k[1], k[2], k[3], k[4], k[5], oh, ow);
            float[] x = new float[n * c * h * w];
            // few distinct values, so windows hold ties; a few NaNs
            for (int i = 0; i < x.length; i++) x[i] = r.nextInt(4) - 1;
            for (int i = 0; i < 6; i++) x[r.nextInt(x.length)] = Float.NaN;
            MaxPoolRuntime rt = new MaxPoolRuntime(g);
            rt.ensureCapacity(n);
            Tensor in = Tensor.wrap(x, n, c, h, w), out = Tensor.zeros(n, c, oh, ow);
            rt.forward(new Tensor[]{in}, out, true);
            float[] dy = new float[n * c * oh * ow];
            for (int i = 0; i < dy.length; i++) dy[i] = i + 1;
            Tensor dx = Tensor.zeros(n, c, h, w);
            rt.backward(new Tensor[]{in}, out, Tensor.wrap(dy, n, c, oh, ow), new Tensor[]{dx});
            float[] expectDx = new float[x.length];
            for (int plane = 0; plane < n * c; plane++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int best = -1;
                        for (int yy = oy * k[2] - k[4]; yy < oy * k[2] - k[4] + k[0]; yy++) {
                            for (int xx = ox * k[3] - k[5]; xx < ox * k[3] - k[5] + k[1]; xx++) {
                                if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                                int i = plane * h * w + yy * w + xx;
                                boolean nanSeen = best >= 0 && Float.isNaN(x[best]);
                                if (best < 0 || !nanSeen && (Float.isNaN(x[i]) || x[i] > x[best])) best = i;
                            }
                        }
                        int o = plane * oh * ow + oy * ow + ox;
                        String what = java.util.Arrays.toString(k) + " plane " + plane + " at " + oy + "," + ox;
                        assertEquals(Float.floatToRawIntBits(x[best]), Float.floatToRawIntBits(out.data()[o]), what);
                        expectDx[best] += dy[o];
                    }
                }
            }
            for (int i = 0; i < x.length; i++) assertEquals(expectDx[i], dx.data()[i], java.util.Arrays.toString(k) + " dx " + i);
        }
    }
}
