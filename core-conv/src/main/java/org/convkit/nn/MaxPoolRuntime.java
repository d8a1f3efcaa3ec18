package org.convkit.nn;

import org.convkit.ops.MaxPool2x2;
import org.convkit.ops.Parallel;
import org.convkit.tensor.Tensor;

/** Max pooling; remembers where each window's maximum was so the gradient goes only there. */
final class MaxPoolRuntime extends LayerRuntime {
    private final PoolGeometry g;
    private int[] argmax = new int[0];

    MaxPoolRuntime(PoolGeometry g) {
        this.g = g;
    }

    @Override
    void ensureCapacity(int n) {
        int need = n * g.c() * g.outH() * g.outW();
        if (argmax.length < need) argmax = new int[need];
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        int n = in[0].dim(0), planeIn = g.inH() * g.inW(), planeOut = g.outH() * g.outW();
        float[] x = in[0].data(), y = out.data();
        int[] am = argmax;
        if (g.strideH() == g.poolH() && g.strideW() == g.poolW() && g.padTop() == 0 && g.padLeft() == 0
                && g.outH() * g.poolH() <= g.inH() && g.outW() * g.poolW() <= g.inW()) {
            forwardTiled(n, x, y, am);
            return;
        }
        // one task per (example, channel) plane, so a single example also spreads over the cores
        Parallel.forEach(n * g.c(), plane -> {
            int xo = plane * planeIn, yo = plane * planeOut;
            for (int oy = 0; oy < g.outH(); oy++) {
                int y0 = oy * g.strideH() - g.padTop();
                int ya = Math.max(0, y0), yb = Math.min(g.inH(), y0 + g.poolH());
                for (int ox = 0; ox < g.outW(); ox++) {
                    int x0 = ox * g.strideW() - g.padLeft();
                    int xa = Math.max(0, x0), xb = Math.min(g.inW(), x0 + g.poolW());
                    float best = Float.NEGATIVE_INFINITY;
                    int bi = -1;
                    for (int yy = ya; yy < yb; yy++) {
                        for (int xx = xa; xx < xb; xx++) {
                            float v = x[xo + yy * g.inW() + xx];
                            // NaN propagates (never loses to a number), as in PyTorch:
                            // !(v <= best) holds for a larger v and for NaN; a NaN best stays.
                            if (bi < 0 || best == best && !(v <= best)) {
                                best = v;
                                bi = yy * g.inW() + xx;
                                if (v != v) break;
                            }
                        }
                    }
                    y[yo + oy * g.outW() + ox] = best;
                    am[yo + oy * g.outW() + ox] = bi;
                }
            }
        });
    }

    /**
     * Non-overlapping windows that all lie inside the input (the usual 2x2/2): no clipping per
     * window. The comparisons choose an index, not a value, so the JIT can select with conditional
     * moves: on unordered data the taken/not-taken branches of the plain loop mispredict half the
     * time (it measured 11 % of W1's batch-1 pass).
     */
    private void forwardTiled(int n, float[] x, float[] y, int[] am) {
        int ph = g.poolH(), pw = g.poolW(), oh = g.outH(), ow = g.outW(), iw = g.inW();
        int planeIn = g.inH() * iw, planeOut = oh * ow, c = g.c();
        if (ph == 2 && pw == 2) {
            Parallel.forEach(n * c, plane -> MaxPool2x2.plane(x, plane * planeIn, iw, y, plane * planeOut, oh, ow, am));
            return;
        }
        Parallel.forEach(n * c, plane -> {
            int xo = plane * planeIn, yo = plane * planeOut;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int first = xo + oy * ph * iw + ox * pw;
                    int bi = first;
                    for (int yy = 0; yy < ph; yy++) {
                        int row = first + yy * iw;
                        for (int xx = yy == 0 ? 1 : 0; xx < pw; xx++) {
                            float v = x[row + xx], best = x[bi];
                            // NaN propagates as in PyTorch: !(v <= best) holds for a larger v and for
                            // NaN; a NaN best stays (the first NaN wins)
                            bi = !(v <= best) & best == best ? row + xx : bi;
                        }
                    }
                    y[yo + oy * ow + ox] = x[bi];
                    am[yo + oy * ow + ox] = bi - xo;
                }
            }
        });
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        if (dIn[0] == null) return;
        int n = in[0].dim(0), planeIn = g.inH() * g.inW(), planeOut = g.outH() * g.outW();
        float[] dx = dIn[0].data(), dy = dOut.data();
        int[] am = argmax;
        Parallel.forEach(n * g.c(), plane -> {
            int xo = plane * planeIn, yo = plane * planeOut;
            java.util.Arrays.fill(dx, xo, xo + planeIn, 0f);
            for (int p = 0; p < planeOut; p++) dx[xo + am[yo + p]] += dy[yo + p];
        });
    }

    @Override
    boolean backwardReadsInputs() {
        return false;
    }

    @Override
    boolean backwardReadsOutput() {
        return false;
    }
}
