package org.convkit.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transforms of {@link WinogradConv2dKernel} on the Vector API, a vector of channels at a
 * time: the same additions in the same order as its scalar loops, so the same bits. Loaded only
 * when {@link Sgemm#VECTOR} is true.
 */
final class VectorWinograd {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorWinograd() {
    }

    /** {@link WinogradConv2dKernel#inputTransform}. */
    static void input(WinogradConv2dKernel.Tiling t, float[] xt, float[] v, int b0, int b1) {
        int cs = t.cp, rs = t.dh * t.inCols * cs, ks = t.dw * cs, sv = t.sv;
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.inCols + t.col[blk]) * cs, r1 = r0 + rs, r2 = r1 + rs, r3 = r2 + rs, o = blk * cs;
            for (int ch = 0; ch < cs; ch += L) {
                FloatVector d00 = ld(xt, r0 + ch), d01 = ld(xt, r0 + ks + ch), d02 = ld(xt, r0 + 2 * ks + ch), d03 = ld(xt, r0 + 3 * ks + ch);
                FloatVector d10 = ld(xt, r1 + ch), d11 = ld(xt, r1 + ks + ch), d12 = ld(xt, r1 + 2 * ks + ch), d13 = ld(xt, r1 + 3 * ks + ch);
                FloatVector d20 = ld(xt, r2 + ch), d21 = ld(xt, r2 + ks + ch), d22 = ld(xt, r2 + 2 * ks + ch), d23 = ld(xt, r2 + 3 * ks + ch);
                FloatVector d30 = ld(xt, r3 + ch), d31 = ld(xt, r3 + ks + ch), d32 = ld(xt, r3 + 2 * ks + ch), d33 = ld(xt, r3 + 3 * ks + ch);
                FloatVector e00 = d00.sub(d20), e01 = d01.sub(d21), e02 = d02.sub(d22), e03 = d03.sub(d23);
                FloatVector e10 = d10.add(d20), e11 = d11.add(d21), e12 = d12.add(d22), e13 = d13.add(d23);
                FloatVector e20 = d20.sub(d10), e21 = d21.sub(d11), e22 = d22.sub(d12), e23 = d23.sub(d13);
                FloatVector e30 = d10.sub(d30), e31 = d11.sub(d31), e32 = d12.sub(d32), e33 = d13.sub(d33);
                int q = o + ch;
                e00.sub(e02).intoArray(v, q);
                e01.add(e02).intoArray(v, q + sv);
                e02.sub(e01).intoArray(v, q + 2 * sv);
                e01.sub(e03).intoArray(v, q + 3 * sv);
                e10.sub(e12).intoArray(v, q + 4 * sv);
                e11.add(e12).intoArray(v, q + 5 * sv);
                e12.sub(e11).intoArray(v, q + 6 * sv);
                e11.sub(e13).intoArray(v, q + 7 * sv);
                e20.sub(e22).intoArray(v, q + 8 * sv);
                e21.add(e22).intoArray(v, q + 9 * sv);
                e22.sub(e21).intoArray(v, q + 10 * sv);
                e21.sub(e23).intoArray(v, q + 11 * sv);
                e30.sub(e32).intoArray(v, q + 12 * sv);
                e31.add(e32).intoArray(v, q + 13 * sv);
                e32.sub(e31).intoArray(v, q + 14 * sv);
                e31.sub(e33).intoArray(v, q + 15 * sv);
            }
        }
    }

    /** {@link WinogradConv2dKernel#outputTransform}. */
    static void output(WinogradConv2dKernel.Tiling t, float[] m, float[] yt, int b0, int b1) {
        int cs = t.op, sm = t.sm, rs = t.dh * t.outCols * cs, ks = t.dw * cs;
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.outCols + t.col[blk]) * cs, r1 = r0 + rs, o = blk * cs;
            for (int ch = 0; ch < cs; ch += L) {
                int s = o + ch;
                FloatVector m0 = ld(m, s), m1 = ld(m, s + sm), m2 = ld(m, s + 2 * sm), m3 = ld(m, s + 3 * sm);
                FloatVector m4 = ld(m, s + 4 * sm), m5 = ld(m, s + 5 * sm), m6 = ld(m, s + 6 * sm), m7 = ld(m, s + 7 * sm);
                FloatVector m8 = ld(m, s + 8 * sm), m9 = ld(m, s + 9 * sm), m10 = ld(m, s + 10 * sm), m11 = ld(m, s + 11 * sm);
                FloatVector m12 = ld(m, s + 12 * sm), m13 = ld(m, s + 13 * sm), m14 = ld(m, s + 14 * sm), m15 = ld(m, s + 15 * sm);
                FloatVector t0 = m0.add(m4).add(m8), t1 = m1.add(m5).add(m9), t2 = m2.add(m6).add(m10), t3 = m3.add(m7).add(m11);
                FloatVector u0 = m4.sub(m8).sub(m12), u1 = m5.sub(m9).sub(m13), u2 = m6.sub(m10).sub(m14), u3 = m7.sub(m11).sub(m15);
                t0.add(t1).add(t2).intoArray(yt, r0 + ch);
                t1.sub(t2).sub(t3).intoArray(yt, r0 + ks + ch);
                u0.add(u1).add(u2).intoArray(yt, r1 + ch);
                u1.sub(u2).sub(u3).intoArray(yt, r1 + ks + ch);
            }
        }
    }

    /** {@link WinogradConv2dKernel#outputGradientTransform}. */
    static void outputGradient(WinogradConv2dKernel.Tiling t, float[] dyt, float[] dm, int b0, int b1) {
        int cs = t.op, sm = t.sm, rs = t.dh * t.outCols * cs, ks = t.dw * cs;
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.outCols + t.col[blk]) * cs, r1 = r0 + rs, o = blk * cs;
            for (int ch = 0; ch < cs; ch += L) {
                FloatVector q00 = ld(dyt, r0 + ch), q01 = ld(dyt, r0 + ks + ch), q10 = ld(dyt, r1 + ch), q11 = ld(dyt, r1 + ks + ch);
                FloatVector s0 = q00.add(q10), s1 = q01.add(q11), f0 = q00.sub(q10), f1 = q01.sub(q11);
                FloatVector n0 = q10.neg(), n1 = q11.neg();
                int s = o + ch;
                row(dm, s, sm, 0, q00, q01);
                row(dm, s, sm, 4, s0, s1);
                row(dm, s, sm, 8, f0, f1);
                row(dm, s, sm, 12, n0, n1);
            }
        }
    }

    private static void row(float[] dm, int s, int sm, int xi0, FloatVector r0, FloatVector r1) {
        r0.intoArray(dm, s + xi0 * sm);
        r0.add(r1).intoArray(dm, s + (xi0 + 1) * sm);
        r0.sub(r1).intoArray(dm, s + (xi0 + 2) * sm);
        r1.neg().intoArray(dm, s + (xi0 + 3) * sm);
    }

    /**
     * {@link WinogradConv2dKernel#filterTransform} for whole vectors of filters from {@code o0}:
     * each vector's nine taps are first gathered into {@code tmp}. Returns where the scalar loop
     * takes over.
     */
    static int filters(ConvGeometry g, float[] w, boolean turned, float[] u, int o0, int o1, float[] tmp) {
        int c = g.inChannels(), o = g.outChannels(), su = WinogradConv2dKernel.uStride(g), cb = o0;
        for (; cb + L <= o1; cb += L) {
            for (int ci = 0; ci < c; ci++) {
                for (int j = 0; j < L; j++) {
                    int co = cb + j;
                    if (turned) {
                        int src = (ci * o + co) * 9 + 8;
                        for (int tap = 0; tap < 9; tap++) tmp[tap * L + j] = w[src - tap];
                    } else {
                        int src = (co * c + ci) * 9;
                        for (int tap = 0; tap < 9; tap++) tmp[tap * L + j] = w[src + tap];
                    }
                }
                FloatVector g00 = ld(tmp, 0), g01 = ld(tmp, L), g02 = ld(tmp, 2 * L);
                FloatVector g10 = ld(tmp, 3 * L), g11 = ld(tmp, 4 * L), g12 = ld(tmp, 5 * L);
                FloatVector g20 = ld(tmp, 6 * L), g21 = ld(tmp, 7 * L), g22 = ld(tmp, 8 * L);
                FloatVector a10 = g00.add(g10).add(g20).mul(0.5f), a11 = g01.add(g11).add(g21).mul(0.5f);
                FloatVector a12 = g02.add(g12).add(g22).mul(0.5f);
                FloatVector a20 = g00.sub(g10).add(g20).mul(0.5f), a21 = g01.sub(g11).add(g21).mul(0.5f);
                FloatVector a22 = g02.sub(g12).add(g22).mul(0.5f);
                int d = ci * o + cb;
                filterRow(u, d, su, 0, g00, g01, g02);
                filterRow(u, d, su, 4, a10, a11, a12);
                filterRow(u, d, su, 8, a20, a21, a22);
                filterRow(u, d, su, 12, g20, g21, g22);
            }
        }
        return cb;
    }

    private static void filterRow(float[] u, int d, int su, int xi0, FloatVector r0, FloatVector r1, FloatVector r2) {
        r0.intoArray(u, d + xi0 * su);
        r0.add(r1).add(r2).mul(0.5f).intoArray(u, d + (xi0 + 1) * su);
        r0.sub(r1).add(r2).mul(0.5f).intoArray(u, d + (xi0 + 2) * su);
        r2.intoArray(u, d + (xi0 + 3) * su);
    }

    private static FloatVector ld(float[] a, int i) {
        return FloatVector.fromArray(S, a, i);
    }
}
