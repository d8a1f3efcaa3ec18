package org.convkit.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link WinogradRect}'s input and output transforms a vector of channels at a time: down the
 * block's columns into a tile of vectors, then along its rows. The same operations in the same
 * order as the plain loops there, so the same bits.
 */
final class VectorWinogradRect {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[42 * L]);

    private VectorWinogradRect() {
    }

    static void input(WinogradConv2dKernel.Tiling t, float[] xt, float[] v, int b0, int b1) {
        int cs = t.cp, rs = t.dh * t.inCols * cs, ks = t.dw * cs, sv = t.sv;
        float[] tile = TILE.get();
        for (int blk = b0; blk < b1; blk++) {
            inputBlock(t.bw, xt, (t.row[blk] * t.inCols + t.col[blk]) * cs, rs, ks, cs, v, blk * cs, sv, tile);
        }
    }

    /**
     * One block of {@link #input}, blocks {@code bw} wide (4: {@link VectorWinograd#input4Block}):
     * its {@code 6 x (bw + 2)} patch of cells of {@code cs} floats, cell {@code (i, j)} at
     * {@code src[r0 + i * rs + j * ks]}, into row {@code o} of the matrices {@code sv} apart.
     */
    static void inputBlock(int bw, float[] src, int r0, int rs, int ks, int cs, float[] v, int o, int sv, float[] tile) {
        if (bw == 4) {
            VectorWinograd.input4Block(src, r0, rs, ks, cs, v, o, sv, tile);
            return;
        }
        int n = bw + 2, nl = n * L;
        for (int ch = 0; ch < cs; ch += L) {
            for (int j = 0; j < n; j++) VectorWinograd.b4(src, r0 + j * ks + ch, rs, tile, j * L, nl);
            for (int i = 0; i < 6; i++) {
                int a = i * nl, at = o + ch + i * n * sv;
                if (n == 7) b7(tile, a, v, at, sv);
                else b5(tile, a, v, at, sv);
            }
        }
    }

    /** A tile of vectors for the block transforms of any width, one per thread. */
    static float[] tile() {
        return TILE.get();
    }

    private static FloatVector at(float[] a, int i) {
        return FloatVector.fromArray(S, a, i);
    }

    private static void b7(float[] tile, int a, float[] out, int at, int step) {
        FloatVector e0 = at(tile, a), e1 = at(tile, a + L);
        FloatVector e2 = at(tile, a + 2 * L), e3 = at(tile, a + 3 * L);
        FloatVector e4 = at(tile, a + 4 * L), e5 = at(tile, a + 5 * L);
        FloatVector e6 = at(tile, a + 6 * L);
        e0.mul(4f).sub(e1.mul(8f)).sub(e2.mul(5f)).add(e3.mul(10f)).add(e4).sub(e5.mul(2f)).intoArray(out, at);
        e2.mul(4f).sub(e1.mul(4f)).add(e3.mul(9f)).sub(e4).sub(e5.mul(2f)).intoArray(out, at + step);
        e2.mul(12f).sub(e1.mul(4f)).sub(e3.mul(7f)).sub(e4.mul(3f)).add(e5.mul(2f)).intoArray(out, at + 2 * step);
        e1.mul(2f).sub(e2.mul(3f)).sub(e3.mul(4f)).add(e4.mul(3f)).add(e5.mul(2f)).intoArray(out, at + 3 * step);
        e1.mul(2f).sub(e2.mul(5f)).add(e4.mul(5f)).sub(e5.mul(2f)).intoArray(out, at + 4 * step);
        e1.mul(4f).sub(e3.mul(5f)).add(e5).intoArray(out, at + 5 * step);
        e2.mul(8f).sub(e1.mul(4f)).add(e3.mul(5f)).sub(e4.mul(10f)).sub(e5).add(e6.mul(2f)).intoArray(out, at + 6 * step);
    }

    private static void b5(float[] tile, int a, float[] out, int at, int step) {
        FloatVector e0 = at(tile, a), e1 = at(tile, a + L);
        FloatVector e2 = at(tile, a + 2 * L), e3 = at(tile, a + 3 * L);
        FloatVector e4 = at(tile, a + 4 * L);
        e0.mul(2f).sub(e1).sub(e2.mul(2f)).add(e3).intoArray(out, at);
        e1.mul(2f).add(e2).sub(e3).intoArray(out, at + step);
        e2.mul(3f).sub(e1.mul(2f)).sub(e3).intoArray(out, at + 2 * step);
        e3.sub(e1).intoArray(out, at + 3 * step);
        e1.mul(2f).sub(e2).sub(e3.mul(2f)).add(e4).intoArray(out, at + 4 * step);
    }

    static void output(WinogradConv2dKernel.Tiling t, float[] m, float[] yt, int b0, int b1) {
        int cs = t.op, sm = t.sm, rs = t.dh * t.outCols * cs, ks = t.dw * cs;
        float[] tile = TILE.get();
        for (int blk = b0; blk < b1; blk++) {
            outputBlock(t.bw, m, blk * cs, sm, cs, yt, (t.row[blk] * t.outCols + t.col[blk]) * cs, rs, ks, tile);
        }
    }

    /**
     * One block of {@link #output}, blocks {@code bw} wide (4: {@link VectorWinograd#output4Block}):
     * row {@code o} of the matrices {@code sm} apart into its {@code 4 x bw} outputs of {@code cs}
     * floats, output {@code (i, j)} at {@code dst[r0 + i * rs + j * ks]}.
     */
    static void outputBlock(int bw, float[] m, int o, int sm, int cs, float[] dst, int r0, int rs, int ks, float[] tile) {
        if (bw == 4) {
            VectorWinograd.output4Block(m, o, sm, cs, dst, r0, rs, ks, tile);
            return;
        }
        int n = bw + 2, nl = n * L, step = n * sm;
        for (int ch = 0; ch < cs; ch += L) {
            for (int j = 0; j < n; j++) VectorWinograd.a4(m, o + ch + j * sm, step, tile, j * L, nl);
            for (int i = 0; i < 4; i++) {
                int a = i * nl, at = r0 + i * rs + ch;
                if (n == 7) a7(tile, a, dst, at, ks);
                else a5(tile, a, dst, at, ks);
            }
        }
    }

    private static void a7(float[] tile, int at0, float[] out, int at, int step) {
        FloatVector e0 = at(tile, at0), e1 = at(tile, at0 + L);
        FloatVector e2 = at(tile, at0 + 2 * L), e3 = at(tile, at0 + 3 * L);
        FloatVector e4 = at(tile, at0 + 4 * L), e5 = at(tile, at0 + 5 * L);
        FloatVector e6 = at(tile, at0 + 6 * L);
        FloatVector a = e1.add(e2), b = e1.sub(e2), c = e3.add(e4), d = e3.sub(e4);
        e0.add(a).add(c).add(e5.mul(16f)).intoArray(out, at);
        b.add(d.mul(2f)).add(e5.mul(8f)).intoArray(out, at + step);
        a.add(c.mul(4f)).add(e5.mul(4f)).intoArray(out, at + 2 * step);
        b.add(d.mul(8f)).add(e5.mul(2f)).intoArray(out, at + 3 * step);
        a.add(c.mul(16f)).add(e5).add(e6).intoArray(out, at + 4 * step);
    }

    private static void a5(float[] tile, int at0, float[] out, int at, int step) {
        FloatVector e0 = at(tile, at0), e1 = at(tile, at0 + L);
        FloatVector e2 = at(tile, at0 + 2 * L), e3 = at(tile, at0 + 3 * L);
        FloatVector e4 = at(tile, at0 + 4 * L);
        FloatVector a = e1.add(e2);
        e0.add(a).add(e3).intoArray(out, at);
        e1.sub(e2).add(e3.mul(2f)).intoArray(out, at + step);
        a.add(e3.mul(4f)).add(e4).intoArray(out, at + 2 * step);
    }
}
