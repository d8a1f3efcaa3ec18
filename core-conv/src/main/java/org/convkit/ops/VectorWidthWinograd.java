package org.convkit.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API half of {@link WidthWinogradKernel}: its transforms a vector of channels at a
 * time and its products on a register tile. Each lane computes exactly what the scalar loops
 * compute for that element, the same fused multiply-adds in the same order, so both give the same
 * bits. Loaded only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorWidthWinograd {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int ROWS = WidthWinogradKernel.ROWS;

    private VectorWidthWinograd() {
    }

    /**
     * {@link WidthWinogradKernel#filterTransform} for whole vectors of filters from {@code o0}: for
     * each input channel, the {@code kh x r} taps of 16 filters (a contiguous run in each filter)
     * copied into lanes, then for each filter row the {@code n} rows of {@code G}, every one a
     * chain of {@code r} fused multiply-adds. Returns where the scalar loop takes over.
     */
    static int filters(WidthWinogradKernel.Plan p, float[] w, boolean turned, float[] u, int o0, int o1) {
        int c = p.g.inChannels(), n = p.n, r = p.r, kh = p.kh, su = p.su, op = p.op, taps = kh * r;
        float[] gm = p.f.g, tmp = Parallel.workspace().get(WinogradConv2dKernel.FILTERS, taps * L);
        FloatVector z = FloatVector.zero(S);
        int o = o0;
        for (; o + L <= o1; o += L) {
            for (int ci = 0; ci < c; ci++) {
                for (int j = 0; j < L; j++) {
                    // turned filters read their run backwards: tap (ky, kx) is (kh-1-ky, r-1-kx)
                    if (!turned) {
                        int src = p.tap(false, o + j, ci, 0, 0);
                        for (int q = 0; q < taps; q++) tmp[q * L + j] = w[src + q];
                    } else {
                        int src = p.tap(true, o + j, ci, 0, 0);
                        for (int q = 0; q < taps; q++) tmp[q * L + j] = w[src - q];
                    }
                }
                for (int ky = 0; ky < kh; ky++) {
                    int a = ky * r * L, d = (ky * c + ci) * op + o;
                    FloatVector e0 = FloatVector.fromArray(S, tmp, a), e1 = FloatVector.fromArray(S, tmp, a + L);
                    FloatVector e2 = FloatVector.fromArray(S, tmp, a + 2 * L);
                    FloatVector e3 = r > 3 ? FloatVector.fromArray(S, tmp, a + 3 * L) : z;
                    FloatVector e4 = r > 4 ? FloatVector.fromArray(S, tmp, a + 4 * L) : z;
                    for (int t = 0; t < n; t++) {
                        int gr = t * r;
                        FloatVector acc = FloatVector.broadcast(S, gm[gr]).fma(e0, z);
                        acc = FloatVector.broadcast(S, gm[gr + 1]).fma(e1, acc);
                        acc = FloatVector.broadcast(S, gm[gr + 2]).fma(e2, acc);
                        if (r > 3) acc = FloatVector.broadcast(S, gm[gr + 3]).fma(e3, acc);
                        if (r > 4) acc = FloatVector.broadcast(S, gm[gr + 4]).fma(e4, acc);
                        acc.intoArray(u, t * su + d);
                    }
                }
            }
        }
        return o;
    }

    /** {@link WidthWinogradKernel#inputTransform}. */
    static void input(WidthWinogradKernel.Plan p, float[] xt, float[] v, int r0, int r1) {
        int cp = p.cp, n = p.n, sv = p.sv;
        float[] bt = p.f.bt;
        for (int row = r0; row < r1; row++) {
            for (int run = 0; run < p.runs; run++) {
                int a = (row * p.inCols + run * WidthWinogradKernel.RUN) * cp, d = (row * p.runs + run) * cp;
                for (int ch = 0; ch < cp; ch += L) {
                    for (int t = 0; t < n; t++) {
                        FloatVector acc = FloatVector.zero(S);
                        for (int j = 0; j < n; j++) {
                            float coef = bt[t * n + j];
                            acc = FloatVector.broadcast(S, coef).fma(FloatVector.fromArray(S, xt, a + j * cp + ch), acc);
                        }
                        acc.intoArray(v, t * sv + d + ch);
                    }
                }
            }
        }
    }

    /** {@link WidthWinogradKernel#outputTransform}. */
    static void output(WidthWinogradKernel.Plan p, float[] m, float[] yt, int r0, int r1) {
        int op = p.op, n = p.n, sm = p.sm, run4 = WidthWinogradKernel.RUN;
        float[] at = p.f.at;
        for (int oy = r0; oy < r1; oy++) {
            for (int run = 0; run < p.runs; run++) {
                int s = (oy * p.runs + run) * op, d = (oy * p.ytCols + run * run4) * op;
                for (int ch = 0; ch < op; ch += L) {
                    for (int i = 0; i < run4; i++) {
                        FloatVector acc = FloatVector.zero(S);
                        for (int t = 0; t < n; t++) {
                            float coef = at[i * n + t];
                            acc = FloatVector.broadcast(S, coef).fma(FloatVector.fromArray(S, m, t * sm + s + ch), acc);
                        }
                        acc.intoArray(yt, d + i * op + ch);
                    }
                }
            }
        }
    }

    /** {@link WidthWinogradKernel#products}: each unit's {@link #ROWS} positions against the filters, four, two or one vector at a time. */
    static void products(WidthWinogradKernel.Plan p, float[] v, float[] u, float[] m, int k0, int k1) {
        int c = p.g.inChannels(), cp = p.cp, op = p.op, k = p.kh * c;
        int jump = p.g.dilationH() * p.runs * cp - c;
        for (int unit = k0; unit < k1; unit++) {
            int t = unit / p.blocks, pos = unit % p.blocks * ROWS;
            int a0 = t * p.sv + pos * cp, b0 = t * p.su, mo = t * p.sm + pos * op;
            int oc = 0;
            for (; oc + 4 * L <= op; oc += 4 * L) tile4(v, a0, cp, c, jump, k, u, b0 + oc, op, m, mo + oc);
            if (oc + 2 * L <= op) {
                tile2(v, a0, cp, c, jump, k, u, b0 + oc, op, m, mo + oc);
                oc += 2 * L;
            }
            if (oc < op) tile1(v, a0, cp, c, jump, k, u, b0 + oc, op, m, mo + oc);
        }
    }

    /*
     * The register tiles: ROWS positions by one to four vectors of filters, summed over the shared
     * dimension (filter row, channel) in order. Positions are cp apart in V; channel ci of filter
     * row ky is ky * (dilation * runs * cp) further, that is ky * (c + jump) + ci. The channels of
     * a row are a counted loop of their own, whose array index checks the JIT hoists out of it (one
     * loop over all (row, channel) pairs, with a jump at each row's end, kept a check per read:
     * cnn-trad-pool2's second layer on one thread 771-783 -> 705-730 microseconds). Written out
     * per width: vectors handed to a method the JIT does not inline are boxed.
     */

    private static void tile4(float[] v, int a0, int cp, int c, int jump, int k, float[] u, int b0, int op, float[] m,
                              int mo) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
        FloatVector c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        FloatVector c40 = z, c41 = z, c42 = z, c43 = z, c50 = z, c51 = z, c52 = z, c53 = z;
        // a counted loop over each row's channels, whose index checks the JIT can hoist
        for (int ky = 0, rows = k / c; ky < rows; ky++) {
            for (int ci = 0; ci < c; ci++) {
                int a = a0 + ky * (c + jump) + ci, b = b0 + (ky * c + ci) * op;
                FloatVector u0 = FloatVector.fromArray(S, u, b), u1 = FloatVector.fromArray(S, u, b + L);
                FloatVector u2 = FloatVector.fromArray(S, u, b + 2 * L), u3 = FloatVector.fromArray(S, u, b + 3 * L);
                FloatVector e = FloatVector.broadcast(S, v[a]);
                c00 = e.fma(u0, c00); c01 = e.fma(u1, c01); c02 = e.fma(u2, c02); c03 = e.fma(u3, c03);
                e = FloatVector.broadcast(S, v[a + cp]);
                c10 = e.fma(u0, c10); c11 = e.fma(u1, c11); c12 = e.fma(u2, c12); c13 = e.fma(u3, c13);
                e = FloatVector.broadcast(S, v[a + 2 * cp]);
                c20 = e.fma(u0, c20); c21 = e.fma(u1, c21); c22 = e.fma(u2, c22); c23 = e.fma(u3, c23);
                e = FloatVector.broadcast(S, v[a + 3 * cp]);
                c30 = e.fma(u0, c30); c31 = e.fma(u1, c31); c32 = e.fma(u2, c32); c33 = e.fma(u3, c33);
                e = FloatVector.broadcast(S, v[a + 4 * cp]);
                c40 = e.fma(u0, c40); c41 = e.fma(u1, c41); c42 = e.fma(u2, c42); c43 = e.fma(u3, c43);
                e = FloatVector.broadcast(S, v[a + 5 * cp]);
                c50 = e.fma(u0, c50); c51 = e.fma(u1, c51); c52 = e.fma(u2, c52); c53 = e.fma(u3, c53);
            }
        }
        c00.intoArray(m, mo); c01.intoArray(m, mo + L); c02.intoArray(m, mo + 2 * L); c03.intoArray(m, mo + 3 * L);
        mo += op;
        c10.intoArray(m, mo); c11.intoArray(m, mo + L); c12.intoArray(m, mo + 2 * L); c13.intoArray(m, mo + 3 * L);
        mo += op;
        c20.intoArray(m, mo); c21.intoArray(m, mo + L); c22.intoArray(m, mo + 2 * L); c23.intoArray(m, mo + 3 * L);
        mo += op;
        c30.intoArray(m, mo); c31.intoArray(m, mo + L); c32.intoArray(m, mo + 2 * L); c33.intoArray(m, mo + 3 * L);
        mo += op;
        c40.intoArray(m, mo); c41.intoArray(m, mo + L); c42.intoArray(m, mo + 2 * L); c43.intoArray(m, mo + 3 * L);
        mo += op;
        c50.intoArray(m, mo); c51.intoArray(m, mo + L); c52.intoArray(m, mo + 2 * L); c53.intoArray(m, mo + 3 * L);
    }

    private static void tile2(float[] v, int a0, int cp, int c, int jump, int k, float[] u, int b0, int op, float[] m,
                              int mo) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        // a counted loop over each row's channels, whose index checks the JIT can hoist
        for (int ky = 0, rows = k / c; ky < rows; ky++) {
            for (int ci = 0; ci < c; ci++) {
                int a = a0 + ky * (c + jump) + ci, b = b0 + (ky * c + ci) * op;
                FloatVector u0 = FloatVector.fromArray(S, u, b), u1 = FloatVector.fromArray(S, u, b + L);
                FloatVector e = FloatVector.broadcast(S, v[a]);
                c00 = e.fma(u0, c00); c01 = e.fma(u1, c01);
                e = FloatVector.broadcast(S, v[a + cp]);
                c10 = e.fma(u0, c10); c11 = e.fma(u1, c11);
                e = FloatVector.broadcast(S, v[a + 2 * cp]);
                c20 = e.fma(u0, c20); c21 = e.fma(u1, c21);
                e = FloatVector.broadcast(S, v[a + 3 * cp]);
                c30 = e.fma(u0, c30); c31 = e.fma(u1, c31);
                e = FloatVector.broadcast(S, v[a + 4 * cp]);
                c40 = e.fma(u0, c40); c41 = e.fma(u1, c41);
                e = FloatVector.broadcast(S, v[a + 5 * cp]);
                c50 = e.fma(u0, c50); c51 = e.fma(u1, c51);
            }
        }
        c00.intoArray(m, mo); c01.intoArray(m, mo + L);
        c10.intoArray(m, mo + op); c11.intoArray(m, mo + op + L);
        c20.intoArray(m, mo + 2 * op); c21.intoArray(m, mo + 2 * op + L);
        c30.intoArray(m, mo + 3 * op); c31.intoArray(m, mo + 3 * op + L);
        c40.intoArray(m, mo + 4 * op); c41.intoArray(m, mo + 4 * op + L);
        c50.intoArray(m, mo + 5 * op); c51.intoArray(m, mo + 5 * op + L);
    }

    private static void tile1(float[] v, int a0, int cp, int c, int jump, int k, float[] u, int b0, int op, float[] m,
                              int mo) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z;
        // a counted loop over each row's channels, whose index checks the JIT can hoist
        for (int ky = 0, rows = k / c; ky < rows; ky++) {
            for (int ci = 0; ci < c; ci++) {
                int a = a0 + ky * (c + jump) + ci, b = b0 + (ky * c + ci) * op;
                FloatVector u0 = FloatVector.fromArray(S, u, b);
                c0 = FloatVector.broadcast(S, v[a]).fma(u0, c0);
                c1 = FloatVector.broadcast(S, v[a + cp]).fma(u0, c1);
                c2 = FloatVector.broadcast(S, v[a + 2 * cp]).fma(u0, c2);
                c3 = FloatVector.broadcast(S, v[a + 3 * cp]).fma(u0, c3);
                c4 = FloatVector.broadcast(S, v[a + 4 * cp]).fma(u0, c4);
                c5 = FloatVector.broadcast(S, v[a + 5 * cp]).fma(u0, c5);
            }
        }
        c0.intoArray(m, mo);
        c1.intoArray(m, mo + op);
        c2.intoArray(m, mo + 2 * op);
        c3.intoArray(m, mo + 3 * op);
        c4.intoArray(m, mo + 4 * op);
        c5.intoArray(m, mo + 5 * op);
    }
}
