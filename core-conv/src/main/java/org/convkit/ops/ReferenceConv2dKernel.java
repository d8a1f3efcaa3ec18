package org.convkit.ops;

/**
 * Convolution by the defining loops, with no tricks: the golden path that fast kernels are
 * tested against. Accumulates in double so that it is also a tighter reference than float32.
 */
public final class ReferenceConv2dKernel implements Conv2dKernel {

    @Override
    public void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        int oh = g.outH(), ow = g.outW(), cpg = g.inPerGroup(), opg = g.outChannels() / g.groups();
        for (int co = 0; co < g.outChannels(); co++) {
            int grp = co / opg;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double s = b == null ? 0 : b[co];
                    for (int ci = 0; ci < cpg; ci++) {
                        int c = grp * cpg + ci;
                        for (int ky = 0; ky < g.kernelH(); ky++) {
                            int iy = oy * g.strideH() - g.padTop() + ky * g.dilationH();
                            if (iy < 0 || iy >= g.inH()) continue;
                            for (int kx = 0; kx < g.kernelW(); kx++) {
                                int ix = ox * g.strideW() - g.padLeft() + kx * g.dilationW();
                                if (ix < 0 || ix >= g.inW()) continue;
                                s += (double) w[((co * cpg + ci) * g.kernelH() + ky) * g.kernelW() + kx]
                                        * x[xOff + (c * g.inH() + iy) * g.inW() + ix];
                            }
                        }
                    }
                    y[yOff + (co * oh + oy) * ow + ox] = (float) s;
                }
            }
        }
    }

    @Override
    public void backwardData(ConvGeometry g, float[] dy, int dyOff, float[] w, float[] dx, int dxOff, Workspace ws) {
        int oh = g.outH(), ow = g.outW(), cpg = g.inPerGroup(), opg = g.outChannels() / g.groups();
        // Gather form: each input pixel sums over the outputs whose window covers it, i.e. the full
        // convolution of dL/dO with the filter turned 180 degrees.
        for (int c = 0; c < g.inChannels(); c++) {
            int grp = c / cpg, ci = c % cpg;
            for (int iy = 0; iy < g.inH(); iy++) {
                for (int ix = 0; ix < g.inW(); ix++) {
                    double s = 0;
                    for (int k = 0; k < opg; k++) {
                        int co = grp * opg + k;
                        for (int ky = 0; ky < g.kernelH(); ky++) {
                            int ty = iy + g.padTop() - ky * g.dilationH();
                            if (ty < 0 || ty % g.strideH() != 0) continue;
                            int oy = ty / g.strideH();
                            if (oy >= oh) continue;
                            for (int kx = 0; kx < g.kernelW(); kx++) {
                                int tx = ix + g.padLeft() - kx * g.dilationW();
                                if (tx < 0 || tx % g.strideW() != 0) continue;
                                int ox = tx / g.strideW();
                                if (ox >= ow) continue;
                                s += (double) w[((co * cpg + ci) * g.kernelH() + ky) * g.kernelW() + kx]
                                        * dy[dyOff + (co * oh + oy) * ow + ox];
                            }
                        }
                    }
                    dx[dxOff + (c * g.inH() + iy) * g.inW() + ix] = (float) s;
                }
            }
        }
    }

    @Override
    public void backwardWeights(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                                float[] db, int dbOff, Workspace ws) {
        int oh = g.outH(), ow = g.outW(), cpg = g.inPerGroup(), opg = g.outChannels() / g.groups();
        for (int co = 0; co < g.outChannels(); co++) {
            int grp = co / opg;
            if (db != null) {
                double s = 0;
                for (int p = 0; p < oh * ow; p++) s += dy[dyOff + co * oh * ow + p];
                db[dbOff + co] += (float) s;
            }
            for (int ci = 0; ci < cpg; ci++) {
                int c = grp * cpg + ci;
                for (int ky = 0; ky < g.kernelH(); ky++) {
                    for (int kx = 0; kx < g.kernelW(); kx++) {
                        double s = 0;
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * g.strideH() - g.padTop() + ky * g.dilationH();
                            if (iy < 0 || iy >= g.inH()) continue;
                            for (int ox = 0; ox < ow; ox++) {
                                int ix = ox * g.strideW() - g.padLeft() + kx * g.dilationW();
                                if (ix < 0 || ix >= g.inW()) continue;
                                s += (double) x[xOff + (c * g.inH() + iy) * g.inW() + ix]
                                        * dy[dyOff + (co * oh + oy) * ow + ox];
                            }
                        }
                        dw[dwOff + ((co * cpg + ci) * g.kernelH() + ky) * g.kernelW() + kx] += (float) s;
                    }
                }
            }
        }
    }
}
