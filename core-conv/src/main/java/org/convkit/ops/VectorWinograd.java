package org.convkit.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transforms of {@link WinogradConv2dKernel} on the Vector API, a vector of channels at a
 * time: the same additions in the same order as its scalar loops, so the same bits. Loaded only
 * when {@link Sgemm#VECTOR} is true. No vector is passed to or returned from a helper method: where
 * the JIT does not inline one, it boxes the vectors (measured: 29 MB of garbage per W4 training
 * step, all from such helpers).
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
                FloatVector d00 = FloatVector.fromArray(S, xt, r0 + ch), d01 = FloatVector.fromArray(S, xt, r0 + ks + ch), d02 = FloatVector.fromArray(S, xt, r0 + 2 * ks + ch), d03 = FloatVector.fromArray(S, xt, r0 + 3 * ks + ch);
                FloatVector d10 = FloatVector.fromArray(S, xt, r1 + ch), d11 = FloatVector.fromArray(S, xt, r1 + ks + ch), d12 = FloatVector.fromArray(S, xt, r1 + 2 * ks + ch), d13 = FloatVector.fromArray(S, xt, r1 + 3 * ks + ch);
                FloatVector d20 = FloatVector.fromArray(S, xt, r2 + ch), d21 = FloatVector.fromArray(S, xt, r2 + ks + ch), d22 = FloatVector.fromArray(S, xt, r2 + 2 * ks + ch), d23 = FloatVector.fromArray(S, xt, r2 + 3 * ks + ch);
                FloatVector d30 = FloatVector.fromArray(S, xt, r3 + ch), d31 = FloatVector.fromArray(S, xt, r3 + ks + ch), d32 = FloatVector.fromArray(S, xt, r3 + 2 * ks + ch), d33 = FloatVector.fromArray(S, xt, r3 + 3 * ks + ch);
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
                FloatVector m0 = FloatVector.fromArray(S, m, s), m1 = FloatVector.fromArray(S, m, s + sm), m2 = FloatVector.fromArray(S, m, s + 2 * sm), m3 = FloatVector.fromArray(S, m, s + 3 * sm);
                FloatVector m4 = FloatVector.fromArray(S, m, s + 4 * sm), m5 = FloatVector.fromArray(S, m, s + 5 * sm), m6 = FloatVector.fromArray(S, m, s + 6 * sm), m7 = FloatVector.fromArray(S, m, s + 7 * sm);
                FloatVector m8 = FloatVector.fromArray(S, m, s + 8 * sm), m9 = FloatVector.fromArray(S, m, s + 9 * sm), m10 = FloatVector.fromArray(S, m, s + 10 * sm), m11 = FloatVector.fromArray(S, m, s + 11 * sm);
                FloatVector m12 = FloatVector.fromArray(S, m, s + 12 * sm), m13 = FloatVector.fromArray(S, m, s + 13 * sm), m14 = FloatVector.fromArray(S, m, s + 14 * sm), m15 = FloatVector.fromArray(S, m, s + 15 * sm);
                FloatVector t0 = m0.add(m4).add(m8), t1 = m1.add(m5).add(m9), t2 = m2.add(m6).add(m10), t3 = m3.add(m7).add(m11);
                FloatVector u0 = m4.sub(m8).sub(m12), u1 = m5.sub(m9).sub(m13), u2 = m6.sub(m10).sub(m14), u3 = m7.sub(m11).sub(m15);
                t0.add(t1).add(t2).intoArray(yt, r0 + ch);
                t1.sub(t2).sub(t3).intoArray(yt, r0 + ks + ch);
                u0.add(u1).add(u2).intoArray(yt, r1 + ch);
                u1.sub(u2).sub(u3).intoArray(yt, r1 + ks + ch);
            }
        }
    }

    /**
     * {@link Winograd4x4Gradient#outputGradientTransform}: each row of the 4x4 block of dL/dO times
     * {@code A^T} (six vectors, through a small tile that stays in L1), then each of the six
     * columns times {@code A}: the scalar loop's operations in its order.
     */
    static void outputGradient4(WinogradConv2dKernel.Tiling t, float[] dyt, float[] dm, int b0, int b1) {
        int cs = t.op, sm = t.sm, rs = t.dh * t.outCols * cs, ks = t.dw * cs;
        float[] tile = TILE.get();
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.outCols + t.col[blk]) * cs, o = blk * cs;
            for (int ch = 0; ch < cs; ch += L) {
                for (int i = 0; i < 4; i++) {
                    int a = r0 + i * rs + ch, d = i * 6 * L;
                    FloatVector q0 = FloatVector.fromArray(S, dyt, a), q1 = FloatVector.fromArray(S, dyt, a + ks);
                    FloatVector q2 = FloatVector.fromArray(S, dyt, a + 2 * ks), q3 = FloatVector.fromArray(S, dyt, a + 3 * ks);
                    FloatVector e = q0.add(q2), f = q1.add(q3), p = q0.add(q2.mul(4f)), g = q1.mul(2f).add(q3.mul(8f));
                    q0.intoArray(tile, d);
                    e.add(f).intoArray(tile, d + L);
                    e.sub(f).intoArray(tile, d + 2 * L);
                    p.add(g).intoArray(tile, d + 3 * L);
                    p.sub(g).intoArray(tile, d + 4 * L);
                    q3.intoArray(tile, d + 5 * L);
                }
                for (int j = 0; j < 6; j++) {
                    FloatVector q0 = FloatVector.fromArray(S, tile, j * L), q1 = FloatVector.fromArray(S, tile, (6 + j) * L);
                    FloatVector q2 = FloatVector.fromArray(S, tile, (12 + j) * L), q3 = FloatVector.fromArray(S, tile, (18 + j) * L);
                    FloatVector e = q0.add(q2), f = q1.add(q3), p = q0.add(q2.mul(4f)), g = q1.mul(2f).add(q3.mul(8f));
                    int s = o + ch + j * sm;
                    q0.intoArray(dm, s);
                    e.add(f).intoArray(dm, s + 6 * sm);
                    e.sub(f).intoArray(dm, s + 12 * sm);
                    p.add(g).intoArray(dm, s + 18 * sm);
                    p.sub(g).intoArray(dm, s + 24 * sm);
                    q3.intoArray(dm, s + 30 * sm);
                }
            }
        }
    }

    /** {@link WinogradConv2dKernel#outputGradientTransform}. */
    static void outputGradient(WinogradConv2dKernel.Tiling t, float[] dyt, float[] dm, int b0, int b1) {
        int cs = t.op, sm = t.sm, rs = t.dh * t.outCols * cs, ks = t.dw * cs;
        for (int blk = b0; blk < b1; blk++) {
            int r0 = (t.row[blk] * t.outCols + t.col[blk]) * cs, r1 = r0 + rs, o = blk * cs;
            for (int ch = 0; ch < cs; ch += L) {
                FloatVector q00 = FloatVector.fromArray(S, dyt, r0 + ch), q01 = FloatVector.fromArray(S, dyt, r0 + ks + ch), q10 = FloatVector.fromArray(S, dyt, r1 + ch), q11 = FloatVector.fromArray(S, dyt, r1 + ks + ch);
                FloatVector s0 = q00.add(q10), s1 = q01.add(q11), f0 = q00.sub(q10), f1 = q01.sub(q11);
                FloatVector n0 = q10.neg(), n1 = q11.neg();
                int s = o + ch;
                q00.intoArray(dm, s + 0 * sm);
                q00.add(q01).intoArray(dm, s + 1 * sm);
                q00.sub(q01).intoArray(dm, s + 2 * sm);
                q01.neg().intoArray(dm, s + 3 * sm);
                s0.intoArray(dm, s + 4 * sm);
                s0.add(s1).intoArray(dm, s + 5 * sm);
                s0.sub(s1).intoArray(dm, s + 6 * sm);
                s1.neg().intoArray(dm, s + 7 * sm);
                f0.intoArray(dm, s + 8 * sm);
                f0.add(f1).intoArray(dm, s + 9 * sm);
                f0.sub(f1).intoArray(dm, s + 10 * sm);
                f1.neg().intoArray(dm, s + 11 * sm);
                n0.intoArray(dm, s + 12 * sm);
                n0.add(n1).intoArray(dm, s + 13 * sm);
                n0.sub(n1).intoArray(dm, s + 14 * sm);
                n1.neg().intoArray(dm, s + 15 * sm);
            }
        }
    }

    /**
     * {@link WinogradConv2dKernel#filterTransform} for whole vectors of filters from {@code o0}:
     * each vector's nine taps are first brought into lanes (see below). Returns where the scalar loop
     * takes over.
     */
    static int filters(ConvGeometry g, float[] w, boolean turned, float[] u, int o0, int o1, Workspace ws) {
        int c = g.inChannels(), o = g.outChannels(), su = WinogradConv2dKernel.uStride(g), cb = o0;
        int op = (o + 15) / 16 * 16, run = c * 9;
        // Stored filters hold their taps for all channels in one run: 16 filters' runs are
        // transposed 16 x 16 at a time (a scalar gather measured 17 % of AlphaGo's batch-1 pass).
        // The turned filters of the backward-data pass are gathered channel by channel.
        boolean transpose = !turned && VectorTranspose.USABLE;
        float[] tmp = ws.get(WinogradConv2dKernel.FILTERS, transpose ? run * L : 9 * L);
        for (; cb + L <= o1; cb += L) {
            if (transpose) {
                int first = cb * run;
                for (int k0 = 0; k0 < run; k0 += 16) {
                    // the last block reads on past the last filter's run: scalar where that leaves the array
                    if (k0 + 16 <= run || first + (L - 1) * run + k0 + 16 <= w.length) {
                        VectorTranspose.block16(w, first + k0, run, L, tmp, k0 * L, L, Math.min(16, run - k0), false, null, 0,
                                false);
                    } else {
                        for (int k = k0; k < run; k++) for (int j = 0; j < L; j++) tmp[k * L + j] = w[first + j * run + k];
                    }
                }
            }
            for (int ci = 0; ci < c; ci++) {
                int t0 = transpose ? ci * 9 * L : 0;
                for (int j = 0; j < L && !transpose; j++) {
                    int co = cb + j;
                    if (turned) {
                        int src = (ci * o + co) * 9 + 8;
                        for (int tap = 0; tap < 9; tap++) tmp[tap * L + j] = w[src - tap];
                    } else {
                        int src = (co * c + ci) * 9;
                        for (int tap = 0; tap < 9; tap++) tmp[tap * L + j] = w[src + tap];
                    }
                }
                FloatVector g00 = FloatVector.fromArray(S, tmp, t0), g01 = FloatVector.fromArray(S, tmp, t0 + L);
                FloatVector g02 = FloatVector.fromArray(S, tmp, t0 + 2 * L), g10 = FloatVector.fromArray(S, tmp, t0 + 3 * L);
                FloatVector g11 = FloatVector.fromArray(S, tmp, t0 + 4 * L), g12 = FloatVector.fromArray(S, tmp, t0 + 5 * L);
                FloatVector g20 = FloatVector.fromArray(S, tmp, t0 + 6 * L), g21 = FloatVector.fromArray(S, tmp, t0 + 7 * L);
                FloatVector g22 = FloatVector.fromArray(S, tmp, t0 + 8 * L);
                FloatVector a10 = g00.add(g10).add(g20).mul(0.5f), a11 = g01.add(g11).add(g21).mul(0.5f);
                FloatVector a12 = g02.add(g12).add(g22).mul(0.5f);
                FloatVector a20 = g00.sub(g10).add(g20).mul(0.5f), a21 = g01.sub(g11).add(g21).mul(0.5f);
                FloatVector a22 = g02.sub(g12).add(g22).mul(0.5f);
                int d = ci * op + cb;
                g00.intoArray(u, d + 0 * su);
                g00.add(g01).add(g02).mul(0.5f).intoArray(u, d + 1 * su);
                g00.sub(g01).add(g02).mul(0.5f).intoArray(u, d + 2 * su);
                g02.intoArray(u, d + 3 * su);
                a10.intoArray(u, d + 4 * su);
                a10.add(a11).add(a12).mul(0.5f).intoArray(u, d + 5 * su);
                a10.sub(a11).add(a12).mul(0.5f).intoArray(u, d + 6 * su);
                a12.intoArray(u, d + 7 * su);
                a20.intoArray(u, d + 8 * su);
                a20.add(a21).add(a22).mul(0.5f).intoArray(u, d + 9 * su);
                a20.sub(a21).add(a22).mul(0.5f).intoArray(u, d + 10 * su);
                a22.intoArray(u, d + 11 * su);
                g20.intoArray(u, d + 12 * su);
                g20.add(g21).add(g22).mul(0.5f).intoArray(u, d + 13 * su);
                g20.sub(g21).add(g22).mul(0.5f).intoArray(u, d + 14 * su);
                g22.intoArray(u, d + 15 * su);
            }
        }
        return cb;
    }

    private static final ThreadLocal<float[]> TILE36 = ThreadLocal.withInitial(() -> new float[36 * L]);

    /**
     * {@link Winograd4x4Forward#inputTransform}: {@code B^T d B} a vector of channels at a time,
     * columns first into a 6x6 tile of vectors, then its rows into {@code V}.
     */
    static void input4(WinogradConv2dKernel.Tiling t, float[] xt, float[] v, int b0, int b1) {
        int cs = t.cp, rs = t.dh * t.inCols * cs, ks = t.dw * cs, sv = t.sv;
        float[] tile = TILE36.get();
        for (int blk = b0; blk < b1; blk++) {
            input4Block(xt, (t.row[blk] * t.inCols + t.col[blk]) * cs, rs, ks, cs, v, blk * cs, sv, tile);
        }
    }

    /**
     * One block of {@link #input4}: its 6x6 patch of cells of {@code cs} floats, cell {@code (i, j)}
     * at {@code src[r0 + i * rs + j * ks]}, into row {@code o} of the 36 matrices {@code sv} apart.
     */
    static void input4Block(float[] src, int r0, int rs, int ks, int cs, float[] v, int o, int sv, float[] tile) {
        for (int ch = 0; ch < cs; ch += L) {
            for (int j = 0; j < 6; j++) b4(src, r0 + j * ks + ch, rs, tile, j * L, 6 * L);
            for (int i = 0; i < 6; i++) b4(tile, i * 6 * L, L, v, o + ch + i * 6 * sv, sv);
        }
    }

    /**
     * Lavin and Gray's {@code B^T e} of F(4, 3) on six vectors {@code ss} apart from {@code a},
     * written {@code ds} apart from {@code d} (the operations of {@code Winograd4x4Forward.bRows}).
     */
    static void b4(float[] src, int a, int ss, float[] dst, int d, int ds) {
        FloatVector e0 = FloatVector.fromArray(S, src, a), e1 = FloatVector.fromArray(S, src, a + ss);
        FloatVector e2 = FloatVector.fromArray(S, src, a + 2 * ss), e3 = FloatVector.fromArray(S, src, a + 3 * ss);
        FloatVector e4 = FloatVector.fromArray(S, src, a + 4 * ss), e5 = FloatVector.fromArray(S, src, a + 5 * ss);
        FloatVector p = e4.sub(e2), q = e3.sub(e1).mul(2f);
        e0.mul(4f).sub(e2.mul(5f)).add(e4).intoArray(dst, d);
        e3.add(e4).sub(e1.add(e2).mul(4f)).intoArray(dst, d + ds);
        e4.sub(e3).add(e1.sub(e2).mul(4f)).intoArray(dst, d + 2 * ds);
        p.add(q).intoArray(dst, d + 3 * ds);
        p.sub(q).intoArray(dst, d + 4 * ds);
        e1.mul(4f).sub(e3.mul(5f)).add(e5).intoArray(dst, d + 5 * ds);
    }

    /**
     * {@link Winograd4x4Forward#outputTransform}: {@code A^T M A} a vector of channels at a time,
     * columns first into a 4x6 tile of vectors, then its rows into the channels-last output.
     */
    static void output4(WinogradConv2dKernel.Tiling t, float[] m, float[] yt, int b0, int b1) {
        int cs = t.op, sm = t.sm, rs = t.dh * t.outCols * cs, ks = t.dw * cs;
        float[] tile = TILE36.get();
        for (int blk = b0; blk < b1; blk++) {
            output4Block(m, blk * cs, sm, cs, yt, (t.row[blk] * t.outCols + t.col[blk]) * cs, rs, ks, tile);
        }
    }

    /**
     * One block of {@link #output4}: row {@code o} of the 36 matrices {@code sm} apart into its 4x4
     * outputs of {@code cs} floats, output {@code (i, j)} at {@code dst[r0 + i * rs + j * ks]}.
     */
    static void output4Block(float[] m, int o, int sm, int cs, float[] dst, int r0, int rs, int ks, float[] tile) {
        for (int ch = 0; ch < cs; ch += L) {
            for (int j = 0; j < 6; j++) a4(m, o + ch + j * sm, 6 * sm, tile, j * L, 6 * L);
            for (int i = 0; i < 4; i++) a4(tile, i * 6 * L, L, dst, r0 + i * rs + ch, ks);
        }
    }

    /**
     * Lavin and Gray's {@code A^T e} of F(4, 3): six vectors {@code ss} apart from {@code a}, four
     * written {@code ds} apart from {@code d} (the operations of {@code Winograd4x4Forward.aRows}).
     */
    static void a4(float[] src, int a, int ss, float[] dst, int d, int ds) {
        FloatVector e0 = FloatVector.fromArray(S, src, a), e1 = FloatVector.fromArray(S, src, a + ss);
        FloatVector e2 = FloatVector.fromArray(S, src, a + 2 * ss), e3 = FloatVector.fromArray(S, src, a + 3 * ss);
        FloatVector e4 = FloatVector.fromArray(S, src, a + 4 * ss), e5 = FloatVector.fromArray(S, src, a + 5 * ss);
        FloatVector p = e1.add(e2), q = e1.sub(e2), r = e3.add(e4), u = e3.sub(e4);
        e0.add(p).add(r).intoArray(dst, d);
        q.add(u.mul(2f)).intoArray(dst, d + ds);
        p.add(r.mul(4f)).intoArray(dst, d + 2 * ds);
        q.add(u.mul(8f)).add(e5).intoArray(dst, d + 3 * ds);
    }

    /**
     * {@link Winograd4x4Forward#filterTransform} for whole vectors of filters from {@code o0}
     * ({@code turned} as there)
     * (their nine taps gathered into {@code tmp}, then {@code G g} row by row into {@code tmp}'s
     * second part, then each of its rows times {@code G^T} into {@code U}). Returns where the
     * scalar loop takes over.
     */
    static int filters4(ConvGeometry g, float[] w, boolean turned, float[] u, int su, int op, int o0, int o1, float[] tmp) {
        int c = g.inChannels(), o = g.outChannels(), cb = o0, h = 9 * L;
        for (; cb + L <= o1; cb += L) {
            for (int ci = 0; ci < c; ci++) {
                for (int j = 0; j < L; j++) {
                    if (turned) {
                        int src = (ci * o + cb + j) * 9 + 8;
                        for (int tap = 0; tap < 9; tap++) tmp[tap * L + j] = w[src - tap];
                    } else {
                        int src = ((cb + j) * c + ci) * 9;
                        for (int tap = 0; tap < 9; tap++) tmp[tap * L + j] = w[src + tap];
                    }
                }
                // H = G g, one column (tap column k) at a time: rows of g are taps 0-2, 3-5, 6-8
                for (int k = 0; k < 3; k++) {
                    FloatVector g0 = FloatVector.fromArray(S, tmp, k * L), g1 = FloatVector.fromArray(S, tmp, (3 + k) * L);
                    FloatVector g2 = FloatVector.fromArray(S, tmp, (6 + k) * L);
                    FloatVector q = g0.mul(Winograd4x4Forward.G24), r = g1.mul(Winograd4x4Forward.G12), s = g2.mul(Winograd4x4Forward.G6);
                    g0.mul(0.25f).intoArray(tmp, h + k * L);
                    g0.add(g1).add(g2).mul(-Winograd4x4Forward.G6).intoArray(tmp, h + (3 + k) * L);
                    g0.sub(g1).add(g2).mul(-Winograd4x4Forward.G6).intoArray(tmp, h + (6 + k) * L);
                    q.add(r).add(s).intoArray(tmp, h + (9 + k) * L);
                    q.sub(r).add(s).intoArray(tmp, h + (12 + k) * L);
                    g2.intoArray(tmp, h + (15 + k) * L);
                }
                int d = ci * op + cb;
                for (int i = 0; i < 6; i++) {
                    int a = h + i * 3 * L, x = d + i * 6 * su;
                    FloatVector g0 = FloatVector.fromArray(S, tmp, a), g1 = FloatVector.fromArray(S, tmp, a + L);
                    FloatVector g2 = FloatVector.fromArray(S, tmp, a + 2 * L);
                    FloatVector q = g0.mul(Winograd4x4Forward.G24), r = g1.mul(Winograd4x4Forward.G12), s = g2.mul(Winograd4x4Forward.G6);
                    g0.mul(0.25f).intoArray(u, x);
                    g0.add(g1).add(g2).mul(-Winograd4x4Forward.G6).intoArray(u, x + su);
                    g0.sub(g1).add(g2).mul(-Winograd4x4Forward.G6).intoArray(u, x + 2 * su);
                    q.add(r).add(s).intoArray(u, x + 3 * su);
                    q.sub(r).add(s).intoArray(u, x + 4 * su);
                    g2.intoArray(u, x + 5 * su);
                }
            }
        }
        return cb;
    }

    /**
     * {@link Winograd4x4Gradient#filterGradientTransform} for whole vectors of output channels from
     * {@code o0}, each filter's nine sums then added into its taps one lane at a time. Returns
     * where the scalar loop takes over.
     */
    static int filterGradient4(ConvGeometry g, float[] du, int su, int op, float[] dw, int o0, int o1, float[] tmp) {
        int c = g.inChannels(), cb = o0, r = 18 * L;
        float g6 = Winograd4x4Forward.G6, g12 = Winograd4x4Forward.G12, g24 = Winograd4x4Forward.G24;
        for (; cb + L <= o1; cb += L) {
            for (int ci = 0; ci < c; ci++) {
                int s = ci * op + cb;
                // G^T along each of the six rows of dU (points i*6 .. i*6+5)
                for (int i = 0; i < 6; i++) {
                    int a = s + i * 6 * su;
                    FloatVector e0 = FloatVector.fromArray(S, du, a), e1 = FloatVector.fromArray(S, du, a + su);
                    FloatVector e2 = FloatVector.fromArray(S, du, a + 2 * su), e3 = FloatVector.fromArray(S, du, a + 3 * su);
                    FloatVector e4 = FloatVector.fromArray(S, du, a + 4 * su), e5 = FloatVector.fromArray(S, du, a + 5 * su);
                    e0.mul(0.25f).sub(e1.add(e2).mul(g6)).add(e3.add(e4).mul(g24)).intoArray(tmp, i * 3 * L);
                    e2.sub(e1).mul(g6).add(e3.sub(e4).mul(g12)).intoArray(tmp, (i * 3 + 1) * L);
                    e3.add(e4).sub(e1).sub(e2).mul(g6).add(e5).intoArray(tmp, (i * 3 + 2) * L);
                }
                // then down each of the three columns
                for (int k = 0; k < 3; k++) {
                    FloatVector e0 = FloatVector.fromArray(S, tmp, k * L), e1 = FloatVector.fromArray(S, tmp, (3 + k) * L);
                    FloatVector e2 = FloatVector.fromArray(S, tmp, (6 + k) * L), e3 = FloatVector.fromArray(S, tmp, (9 + k) * L);
                    FloatVector e4 = FloatVector.fromArray(S, tmp, (12 + k) * L), e5 = FloatVector.fromArray(S, tmp, (15 + k) * L);
                    e0.mul(0.25f).sub(e1.add(e2).mul(g6)).add(e3.add(e4).mul(g24)).intoArray(tmp, r + k * L);
                    e2.sub(e1).mul(g6).add(e3.sub(e4).mul(g12)).intoArray(tmp, r + (3 + k) * L);
                    e3.add(e4).sub(e1).sub(e2).mul(g6).add(e5).intoArray(tmp, r + (6 + k) * L);
                }
                for (int j = 0; j < L; j++) {
                    int d = ((cb + j) * c + ci) * 9;
                    for (int tap = 0; tap < 9; tap++) dw[d + tap] += tmp[r + tap * L + j];
                }
            }
        }
        return cb;
    }

    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[24 * L]);

    /** Whether products with {@code cols} (padded) output channels run on {@link #product}: three vectors. */
    static boolean narrow(int cols) {
        return cols == 3 * L;
    }

    /**
     * {@code C[m x 3L] = A[m x k] B[k x 3L]} for the transform-domain products of layers with 33 to
     * 48 channels (res15's 45): eight rows of A at a time against the whole width of B in 24
     * accumulators, A read in place (no packing: its rows are the blocks' transformed inputs) and
     * B (at most {@code KC} rows, a few KB) staying in L1. Each element is summed from zero in
     * order of {@code k} with fused multiply-adds, as {@link Sgemm} does for {@code k <= KC}, so
     * the bits are the same.
     */
    static void product(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int m, int k) {
        if (ldb != 3 * L) throw new IllegalArgumentException("product needs rows of 3 vectors, got " + ldb);
        int ldc = ldb, i = 0;
        for (; i + 8 <= m; i += 8) {
            FloatVector z = FloatVector.zero(S);
            FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z;
            FloatVector c30 = z, c31 = z, c32 = z, c40 = z, c41 = z, c42 = z, c50 = z, c51 = z, c52 = z;
            FloatVector c60 = z, c61 = z, c62 = z, c70 = z, c71 = z, c72 = z;
            int a0 = aOff + i * lda;
            for (int p = 0; p < k; p++) {
                int bi = bOff + p * ldb, ai = a0 + p;
                FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector av = FloatVector.broadcast(S, a[ai]);
                c00 = av.fma(b0, c00); c01 = av.fma(b1, c01); c02 = av.fma(b2, c02);
                av = FloatVector.broadcast(S, a[ai + lda]);
                c10 = av.fma(b0, c10); c11 = av.fma(b1, c11); c12 = av.fma(b2, c12);
                av = FloatVector.broadcast(S, a[ai + 2 * lda]);
                c20 = av.fma(b0, c20); c21 = av.fma(b1, c21); c22 = av.fma(b2, c22);
                av = FloatVector.broadcast(S, a[ai + 3 * lda]);
                c30 = av.fma(b0, c30); c31 = av.fma(b1, c31); c32 = av.fma(b2, c32);
                av = FloatVector.broadcast(S, a[ai + 4 * lda]);
                c40 = av.fma(b0, c40); c41 = av.fma(b1, c41); c42 = av.fma(b2, c42);
                av = FloatVector.broadcast(S, a[ai + 5 * lda]);
                c50 = av.fma(b0, c50); c51 = av.fma(b1, c51); c52 = av.fma(b2, c52);
                av = FloatVector.broadcast(S, a[ai + 6 * lda]);
                c60 = av.fma(b0, c60); c61 = av.fma(b1, c61); c62 = av.fma(b2, c62);
                av = FloatVector.broadcast(S, a[ai + 7 * lda]);
                c70 = av.fma(b0, c70); c71 = av.fma(b1, c71); c72 = av.fma(b2, c72);
            }
            int o = cOff + i * ldc;
            c00.intoArray(c, o); c01.intoArray(c, o + L); c02.intoArray(c, o + 2 * L);
            o += ldc;
            c10.intoArray(c, o); c11.intoArray(c, o + L); c12.intoArray(c, o + 2 * L);
            o += ldc;
            c20.intoArray(c, o); c21.intoArray(c, o + L); c22.intoArray(c, o + 2 * L);
            o += ldc;
            c30.intoArray(c, o); c31.intoArray(c, o + L); c32.intoArray(c, o + 2 * L);
            o += ldc;
            c40.intoArray(c, o); c41.intoArray(c, o + L); c42.intoArray(c, o + 2 * L);
            o += ldc;
            c50.intoArray(c, o); c51.intoArray(c, o + L); c52.intoArray(c, o + 2 * L);
            o += ldc;
            c60.intoArray(c, o); c61.intoArray(c, o + L); c62.intoArray(c, o + 2 * L);
            o += ldc;
            c70.intoArray(c, o); c71.intoArray(c, o + L); c72.intoArray(c, o + 2 * L);
        }
        for (; i < m; i++) {
            FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0;
            int ai = aOff + i * lda;
            for (int p = 0; p < k; p++) {
                int bi = bOff + p * ldb;
                FloatVector av = FloatVector.broadcast(S, a[ai + p]);
                c0 = av.fma(FloatVector.fromArray(S, b, bi), c0);
                c1 = av.fma(FloatVector.fromArray(S, b, bi + L), c1);
                c2 = av.fma(FloatVector.fromArray(S, b, bi + 2 * L), c2);
            }
            int o = cOff + i * ldc;
            c0.intoArray(c, o); c1.intoArray(c, o + L); c2.intoArray(c, o + 2 * L);
        }
    }

    /**
     * {@code C[m x 3L] (+)= A^T B} with A stored {@code k x m} ({@code lda}) and B {@code k x 3L}:
     * the weight-gradient products, eight rows of C (eight consecutive values of each row of A) at a
     * time, the shared dimension in blocks of {@code KC}, each block summed from zero and then added
     * to C, as {@link Sgemm} sums; rows beyond {@code m} are not written.
     */
    static void productTransposed(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int m,
                                  int k, boolean accumulate) {
        if (ldb != 3 * L) throw new IllegalArgumentException("productTransposed needs rows of 3 vectors, got " + ldb);
        int ldc = ldb, kcMax = ScalarGemm.KC;
        float[] tile = TILE.get();
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            boolean load = pc > 0 || accumulate;
            int i = 0;
            for (; i + 8 <= m; i += 8) {
                FloatVector z = FloatVector.zero(S);
                FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z;
                FloatVector c30 = z, c31 = z, c32 = z, c40 = z, c41 = z, c42 = z, c50 = z, c51 = z, c52 = z;
                FloatVector c60 = z, c61 = z, c62 = z, c70 = z, c71 = z, c72 = z;
                for (int p = pc; p < pc + kc; p++) {
                    int bi = bOff + p * ldb, ai = aOff + p * lda + i;
                    FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
                    FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                    FloatVector av = FloatVector.broadcast(S, a[ai]);
                    c00 = av.fma(b0, c00); c01 = av.fma(b1, c01); c02 = av.fma(b2, c02);
                    av = FloatVector.broadcast(S, a[ai + 1]);
                    c10 = av.fma(b0, c10); c11 = av.fma(b1, c11); c12 = av.fma(b2, c12);
                    av = FloatVector.broadcast(S, a[ai + 2]);
                    c20 = av.fma(b0, c20); c21 = av.fma(b1, c21); c22 = av.fma(b2, c22);
                    av = FloatVector.broadcast(S, a[ai + 3]);
                    c30 = av.fma(b0, c30); c31 = av.fma(b1, c31); c32 = av.fma(b2, c32);
                    av = FloatVector.broadcast(S, a[ai + 4]);
                    c40 = av.fma(b0, c40); c41 = av.fma(b1, c41); c42 = av.fma(b2, c42);
                    av = FloatVector.broadcast(S, a[ai + 5]);
                    c50 = av.fma(b0, c50); c51 = av.fma(b1, c51); c52 = av.fma(b2, c52);
                    av = FloatVector.broadcast(S, a[ai + 6]);
                    c60 = av.fma(b0, c60); c61 = av.fma(b1, c61); c62 = av.fma(b2, c62);
                    av = FloatVector.broadcast(S, a[ai + 7]);
                    c70 = av.fma(b0, c70); c71 = av.fma(b1, c71); c72 = av.fma(b2, c72);
                }
                // C's rows are 3L wide, so the eight rows are 24 consecutive vectors: written
                // straight to C, or to the tile and then added onto C
                int o = cOff + i * ldc, d = load ? 0 : o;
                float[] dst = load ? tile : c;
                c00.intoArray(dst, d); c01.intoArray(dst, d + L); c02.intoArray(dst, d + 2 * L);
                c10.intoArray(dst, d + 3 * L); c11.intoArray(dst, d + 4 * L); c12.intoArray(dst, d + 5 * L);
                c20.intoArray(dst, d + 6 * L); c21.intoArray(dst, d + 7 * L); c22.intoArray(dst, d + 8 * L);
                c30.intoArray(dst, d + 9 * L); c31.intoArray(dst, d + 10 * L); c32.intoArray(dst, d + 11 * L);
                c40.intoArray(dst, d + 12 * L); c41.intoArray(dst, d + 13 * L); c42.intoArray(dst, d + 14 * L);
                c50.intoArray(dst, d + 15 * L); c51.intoArray(dst, d + 16 * L); c52.intoArray(dst, d + 17 * L);
                c60.intoArray(dst, d + 18 * L); c61.intoArray(dst, d + 19 * L); c62.intoArray(dst, d + 20 * L);
                c70.intoArray(dst, d + 21 * L); c71.intoArray(dst, d + 22 * L); c72.intoArray(dst, d + 23 * L);
                if (load) {
                    for (int j = 0; j < 24 * L; j += L) {
                        FloatVector.fromArray(S, c, o + j).add(FloatVector.fromArray(S, tile, j)).intoArray(c, o + j);
                    }
                }
            }
            for (; i < m; i++) {
                FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0;
                for (int p = pc; p < pc + kc; p++) {
                    int bi = bOff + p * ldb;
                    FloatVector av = FloatVector.broadcast(S, a[aOff + p * lda + i]);
                    c0 = av.fma(FloatVector.fromArray(S, b, bi), c0);
                    c1 = av.fma(FloatVector.fromArray(S, b, bi + L), c1);
                    c2 = av.fma(FloatVector.fromArray(S, b, bi + 2 * L), c2);
                }
                int o = cOff + i * ldc;
                if (load) {
                    c0 = FloatVector.fromArray(S, c, o).add(c0);
                    c1 = FloatVector.fromArray(S, c, o + L).add(c1);
                    c2 = FloatVector.fromArray(S, c, o + 2 * L).add(c2);
                }
                c0.intoArray(c, o); c1.intoArray(c, o + L); c2.intoArray(c, o + 2 * L);
            }
        }
    }
}
