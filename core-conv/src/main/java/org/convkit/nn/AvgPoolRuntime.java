package org.convkit.nn;

import org.convkit.ops.Parallel;
import org.convkit.tensor.Tensor;

/** Average pooling over the real (unpadded) positions of each window. */
final class AvgPoolRuntime extends LayerRuntime {
    private final PoolGeometry g;

    AvgPoolRuntime(PoolGeometry g) {
        this.g = g;
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        int n = in[0].dim(0), planeIn = g.inH() * g.inW(), planeOut = g.outH() * g.outW();
        float[] x = in[0].data(), y = out.data();
        Parallel.forEach(n, i -> {
            for (int c = 0; c < g.c(); c++) {
                int xo = (i * g.c() + c) * planeIn, yo = (i * g.c() + c) * planeOut;
                for (int oy = 0; oy < g.outH(); oy++) {
                    int y0 = oy * g.strideH() - g.padTop();
                    int ya = Math.max(0, y0), yb = Math.min(g.inH(), y0 + g.poolH());
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int x0 = ox * g.strideW() - g.padLeft();
                        int xa = Math.max(0, x0), xb = Math.min(g.inW(), x0 + g.poolW());
                        float s = 0;
                        for (int yy = ya; yy < yb; yy++) for (int xx = xa; xx < xb; xx++) s += x[xo + yy * g.inW() + xx];
                        y[yo + oy * g.outW() + ox] = s / ((yb - ya) * (xb - xa));
                    }
                }
            }
        });
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        if (dIn[0] == null) return;
        int n = in[0].dim(0), planeIn = g.inH() * g.inW(), planeOut = g.outH() * g.outW();
        float[] dx = dIn[0].data(), dy = dOut.data();
        Parallel.forEach(n, i -> {
            java.util.Arrays.fill(dx, i * g.c() * planeIn, (i + 1) * g.c() * planeIn, 0f);
            for (int c = 0; c < g.c(); c++) {
                int xo = (i * g.c() + c) * planeIn, yo = (i * g.c() + c) * planeOut;
                for (int oy = 0; oy < g.outH(); oy++) {
                    int y0 = oy * g.strideH() - g.padTop();
                    int ya = Math.max(0, y0), yb = Math.min(g.inH(), y0 + g.poolH());
                    for (int ox = 0; ox < g.outW(); ox++) {
                        int x0 = ox * g.strideW() - g.padLeft();
                        int xa = Math.max(0, x0), xb = Math.min(g.inW(), x0 + g.poolW());
                        float d = dy[yo + oy * g.outW() + ox] / ((yb - ya) * (xb - xa));
                        for (int yy = ya; yy < yb; yy++) for (int xx = xa; xx < xb; xx++) dx[xo + yy * g.inW() + xx] += d;
                    }
                }
            }
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
