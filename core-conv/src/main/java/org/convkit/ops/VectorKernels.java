package org.convkit.ops;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Small element-wise kernels on the Vector API; loaded only when {@link Sgemm#VECTOR} is true. */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, S.vectorShape());
    /** Lanes {@code 2i} and {@code 2i + 1} of two consecutive vectors (indices past the first select from the second). */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, i -> 2 * i + 1);

    private VectorKernels() {
    }

    /** {@link ReluMask#pack}: one compare gives {@code L} bits at a time. */
    static void packPositive(float[] y, int from, int to, long[] bits) {
        int k = from, w = from >>> 6;
        for (; k + 64 <= to; k += 64, w++) {
            long word = 0;
            for (int b = 0; b < 64; b += L) word |= FloatVector.fromArray(S, y, k + b).compare(VectorOperators.GT, 0f).toLong() << b;
            bits[w] = word;
        }
        if (k < to) ReluMask.packScalar(y, k, to, bits);
    }

    /** {@link ReluMask#apply} from a word boundary: {@code L} bits of the mask select {@code L} lanes at a time. */
    static void applyMask(long[] bits, float[] dy, float[] dx, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int k = from;
        for (; k + 64 <= to; k += 64) {
            long word = bits[k >>> 6];
            for (int b = 0; b < 64; b += L) {
                VectorMask<Float> keep = VectorMask.fromLong(S, word >>> b);
                zero.blend(FloatVector.fromArray(S, dy, k + b), keep).intoArray(dx, k + b);
            }
        }
        if (k < to) ReluMask.applyScalar(bits, dy, dx, k, to);
    }

    /** {@code sum_j a[j] * b[off + j]} for {@code j < n}: lane-wise partial sums, then the lanes in order. */
    static float dot(float[] a, float[] b, int off, int n) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j + L <= n; j += L) acc = FloatVector.fromArray(S, a, j).fma(FloatVector.fromArray(S, b, off + j), acc);
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) s += a[j] * b[off + j];
        return s;
    }

    /** {@code dst[dOff + j] += a * src[sOff + j]} for {@code j < n}, one multiply and one add per element. */
    static void axpy(float a, float[] src, int sOff, float[] dst, int dOff, int n) {
        FloatVector av = FloatVector.broadcast(S, a);
        int j = 0;
        for (; j + L <= n; j += L) {
            // mul then add, not fma: the same rounding as the scalar tail and the portable loop
            FloatVector.fromArray(S, src, sOff + j).mul(av).add(FloatVector.fromArray(S, dst, dOff + j))
                    .intoArray(dst, dOff + j);
        }
        for (; j < n; j++) dst[dOff + j] += a * src[sOff + j];
    }

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    /** As many float lanes as {@link #LONGS} has long lanes, so a long mask casts onto it. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(LONGS.length() * Float.SIZE));

    /**
     * Inverted-dropout mask and output for elements {@code [from, to)}: element k is dropped when
     * the SplitMix64 finaliser of {@code base + (k+1) * 0x9E3779B97F4A7C15} has its top 53 bits
     * below {@code threshold}; kept elements are scaled. A vector of 64-bit lanes at a time; the same
     * decisions, bit for bit, as the scalar loop of {@link Dropouts#mask}.
     */
    static void dropout(long base, long threshold, float scale, float[] x, float[] y, float[] mask, int from, int to) {
        int k = from, lanes = LONGS.length();
        LongVector golden = LongVector.broadcast(LONGS, 0x9E3779B97F4A7C15L);
        LongVector index = LongVector.zero(LONGS).addIndex(1);
        FloatVector keep = FloatVector.broadcast(FLOATS, scale), zero = FloatVector.zero(FLOATS);
        for (; k + lanes <= to; k += lanes) {
            LongVector z = index.add(k + 1L).mul(golden).add(base);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            VectorMask<Long> drop = z.lanewise(VectorOperators.LSHR, 11).compare(VectorOperators.LT, threshold);
            FloatVector m = keep.blend(zero, drop.cast(FLOATS));
            m.intoArray(mask, k);
            FloatVector.fromArray(FLOATS, x, k).mul(m).intoArray(y, k);
        }
        Dropouts.mask(base, threshold, scale, x, y, mask, k, to);
    }

    /**
     * {@link MaxPool2x2#plane}'s output row {@code oy} in whole vectors of outputs: the window's
     * four elements as four vectors (the even and odd columns of two input rows), then the same
     * choices as the scalar loop, lane by lane. Returns the first column left to the scalar loop.
     */
    static int maxPool2x2Row(float[] x, int xo, int iw, float[] y, int yo, int ow, int[] am, int oy) {
        IntVector right = IntVector.broadcast(IS, 1), below = IntVector.broadcast(IS, iw);
        IntVector diagonal = IntVector.broadcast(IS, iw + 1), columns = IntVector.zero(IS).addIndex(2);
        int ox = 0;
        for (; ox + L <= ow; ox += L) {
            int r0 = xo + 2 * oy * iw + 2 * ox, r1 = r0 + iw;
            FloatVector p = FloatVector.fromArray(S, x, r0), q = FloatVector.fromArray(S, x, r0 + L);
            FloatVector best = p.rearrange(EVEN, q), b = p.rearrange(ODD, q);
            p = FloatVector.fromArray(S, x, r1);
            q = FloatVector.fromArray(S, x, r1 + L);
            FloatVector c = p.rearrange(EVEN, q), d = p.rearrange(ODD, q);
            IntVector off = IntVector.zero(IS);
            VectorMask<Float> take = b.compare(VectorOperators.LE, best).not().and(best.compare(VectorOperators.EQ, best));
            best = best.blend(b, take);
            off = off.blend(right, take.cast(IS));
            take = c.compare(VectorOperators.LE, best).not().and(best.compare(VectorOperators.EQ, best));
            best = best.blend(c, take);
            off = off.blend(below, take.cast(IS));
            take = d.compare(VectorOperators.LE, best).not().and(best.compare(VectorOperators.EQ, best));
            best = best.blend(d, take);
            off = off.blend(diagonal, take.cast(IS));
            best.intoArray(y, yo + oy * ow + ox);
            off.add(columns).add(2 * oy * iw + 2 * ox).intoArray(am, yo + oy * ow + ox);
        }
        return ox;
    }

    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    /** Floats that widen to one vector of doubles. */
    private static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class, VectorShape.forBitSize(DS.vectorBitSize() / 2));

    /** The upper half of a float vector's lanes. */
    private static final VectorMask<Float> HIGH = VectorMask.fromLong(S, -1L << (S.length() / 2));

    /** {@link Normalize#apply} on whole vectors of doubles from {@code from}; returns where the scalar loop goes on. */
    static int normalize(float[] x, float[] y, int from, int to, double mean, double invStd, double gamma, double beta) {
        int n = DS.length(), k = from;
        if (HALF.length() != n) return k;
        if (gamma == 1 && beta == 0 && S.length() == 2 * n) {
            // without scale and shift the second step is h + 0f (see ChannelNorm): whole float vectors
            DoubleVector m = DoubleVector.broadcast(DS, mean), s = DoubleVector.broadcast(DS, invStd);
            for (int l = S.length(); k + l <= to; k += l) {
                FloatVector v = FloatVector.fromArray(S, x, k);
                FloatVector lo = (FloatVector) ((DoubleVector) v.convertShape(VectorOperators.F2D, DS, 0)).sub(m).mul(s)
                        .convertShape(VectorOperators.D2F, S, 0);
                FloatVector hi = (FloatVector) ((DoubleVector) v.convertShape(VectorOperators.F2D, DS, 1)).sub(m).mul(s)
                        .convertShape(VectorOperators.D2F, S, -1);
                lo.blend(hi, HIGH).add(0f).intoArray(y, k);
            }
            return k;
        }
        DoubleVector m = DoubleVector.broadcast(DS, mean), s = DoubleVector.broadcast(DS, invStd);
        DoubleVector g = DoubleVector.broadcast(DS, gamma), b = DoubleVector.broadcast(DS, beta);
        for (; k + n <= to; k += n) {
            DoubleVector xd = (DoubleVector) FloatVector.fromArray(HALF, x, k).convertShape(VectorOperators.F2D, DS, 0);
            FloatVector h = (FloatVector) xd.sub(m).mul(s).convertShape(VectorOperators.D2F, HALF, 0);
            DoubleVector hd = (DoubleVector) h.convertShape(VectorOperators.F2D, DS, 0);
            ((FloatVector) hd.mul(g).add(b).convertShape(VectorOperators.D2F, HALF, 0)).intoArray(y, k);
        }
        return k;
    }

    /**
     * {@link ChannelNorm#applyChannelsLast} on vectors of doubles, lane by lane the operations of
     * {@link #normalize}, each lane with its channel's terms; false where the vector shapes do
     * not allow it ({@code cs} not a multiple of the double vector's length).
     */
    static boolean normalizeChannelsLast(float[] xt, int at, int cells, int cs, double[] mean, double[] invStd,
                                         double[] gamma, double[] beta) {
        int n = DS.length();
        if (HALF.length() != n || cs % n != 0 || cs > mean.length) return false;
        if (gamma == null) {
            // gamma 1 and beta 0 (see ChannelNorm#unitAffine): h + 0f, a whole float vector at a time
            int l = S.length();
            if (cs % l != 0) return false;
            for (int k = 0; k < cs; k += l) {
                DoubleVector m0 = DoubleVector.fromArray(DS, mean, k), s0 = DoubleVector.fromArray(DS, invStd, k);
                DoubleVector m1 = DoubleVector.fromArray(DS, mean, k + n), s1 = DoubleVector.fromArray(DS, invStd, k + n);
                for (int cell = 0, o = at + k; cell < cells; cell++, o += cs) {
                    FloatVector x = FloatVector.fromArray(S, xt, o);
                    DoubleVector lo = (DoubleVector) x.convertShape(VectorOperators.F2D, DS, 0);
                    DoubleVector hi = (DoubleVector) x.convertShape(VectorOperators.F2D, DS, 1);
                    FloatVector hl = (FloatVector) lo.sub(m0).mul(s0).convertShape(VectorOperators.D2F, S, 0);
                    FloatVector hh = (FloatVector) hi.sub(m1).mul(s1).convertShape(VectorOperators.D2F, S, -1);
                    hl.blend(hh, HIGH).add(0f).intoArray(xt, o);
                }
            }
            return true;
        }
        for (int k = 0; k < cs; k += n) {
            DoubleVector m = DoubleVector.fromArray(DS, mean, k), s = DoubleVector.fromArray(DS, invStd, k);
            DoubleVector g = DoubleVector.fromArray(DS, gamma, k), b = DoubleVector.fromArray(DS, beta, k);
            for (int cell = 0, o = at + k; cell < cells; cell++, o += cs) {
                DoubleVector xd = (DoubleVector) FloatVector.fromArray(HALF, xt, o).convertShape(VectorOperators.F2D, DS, 0);
                FloatVector h = (FloatVector) xd.sub(m).mul(s).convertShape(VectorOperators.D2F, HALF, 0);
                DoubleVector hd = (DoubleVector) h.convertShape(VectorOperators.F2D, DS, 0);
                ((FloatVector) hd.mul(g).add(b).convertShape(VectorOperators.D2F, HALF, 0)).intoArray(xt, o);
            }
        }
        return true;
    }

    /** {@code y += e} on {@code [at, at + len)} in whole vectors; returns where the scalar loop goes on. */
    static int add(float[] y, float[] e, int at, int len) {
        int k = at, end = at + len, l = S.length();
        for (; k + l <= end; k += l) FloatVector.fromArray(S, y, k).add(FloatVector.fromArray(S, e, k)).intoArray(y, k);
        return k;
    }

    /**
     * {@link ConvIo#copyCells}: {@code count} cells of {@code channels} floats, {@code step} apart
     * from {@code src[s]}, to consecutive cells of {@code cs} at {@code dst[d ..]}, the padding
     * channels zero; false where {@code cs} is not a whole number of vectors.
     */
    static boolean copyCells(float[] src, int s, int step, int channels, float[] dst, int d, int cs, int count) {
        int l = S.length(), full = channels / l * l;
        if (cs % l != 0) return false;
        VectorMask<Float> tail = S.indexInRange(full, channels);
        FloatVector zero = FloatVector.zero(S);
        for (int cell = 0; cell < count; cell++, s += step, d += cs) {
            int k = 0;
            for (; k < full; k += l) FloatVector.fromArray(S, src, s + k).intoArray(dst, d + k);
            // the rest of the channels, then zeros up to the cell's end
            if (k < channels) {
                FloatVector.fromArray(S, src, s + k, tail).intoArray(dst, d + k);
                k += l;
            }
            for (; k < cs; k += l) zero.intoArray(dst, d + k);
        }
        return true;
    }

    /**
     * {@link FewChannelsConv}'s sums for {@code count} output cells of a row: cell {@code j}'s
     * {@code op} channels into {@code sums[j * op ..]}, each the fused multiply-adds from zero, tap
     * {@code k} in order, of {@code x[base + j * step + at[k]]} times row {@code k} of
     * {@code rows} ({@code op} floats). Four cells at a time, for independent chains.
     */
    static void tapSums(float[] x, int base, int step, int[] at, int taps, float[] rows, int op, int count, float[] sums) {
        int j = 0;
        for (; j + 4 <= count; j += 4) {
            int c0 = base + j * step, c1 = c0 + step, c2 = c1 + step, c3 = c2 + step;
            for (int v = 0; v < op; v += L) {
                FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                for (int k = 0; k < taps; k++) {
                    FloatVector r = FloatVector.fromArray(S, rows, k * op + v);
                    int t = at[k];
                    a0 = FloatVector.broadcast(S, x[c0 + t]).fma(r, a0);
                    a1 = FloatVector.broadcast(S, x[c1 + t]).fma(r, a1);
                    a2 = FloatVector.broadcast(S, x[c2 + t]).fma(r, a2);
                    a3 = FloatVector.broadcast(S, x[c3 + t]).fma(r, a3);
                }
                a0.intoArray(sums, j * op + v);
                a1.intoArray(sums, (j + 1) * op + v);
                a2.intoArray(sums, (j + 2) * op + v);
                a3.intoArray(sums, (j + 3) * op + v);
            }
        }
        for (; j < count; j++) {
            int c0 = base + j * step;
            for (int v = 0; v < op; v += L) {
                FloatVector a0 = FloatVector.zero(S);
                for (int k = 0; k < taps; k++) a0 = FloatVector.broadcast(S, x[c0 + at[k]]).fma(FloatVector.fromArray(S, rows, k * op + v), a0);
                a0.intoArray(sums, j * op + v);
            }
        }
    }

    /**
     * {@link ConvIo#outputCells}: {@code count} cells of {@code op} floats from {@code yt[s ..]} to
     * cells of {@code o} written {@code step} floats apart from {@code y[d]} (the addend read
     * where each value is written), {@code max?(v + b, 0) (+ addend)} lane by lane; false where
     * {@code op} is not a whole number of vectors.
     */
    static boolean outputCells(float[] yt, int s, int op, float[] y, int d, int step, int o, int count, float[] b,
                               boolean relu, float[] addend) {
        int l = S.length(), full = o / l * l;
        if (op % l != 0) return false;
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        VectorMask<Float> tail = S.indexInRange(full, o);
        FloatVector zero = FloatVector.zero(S);
        for (int cell = 0; cell < count; cell++, s += op, d += step) {
            int k = 0;
            for (; k < full; k += l) {
                FloatVector v = FloatVector.fromArray(S, yt, s + k).add(b == null ? zero : FloatVector.fromArray(S, b, k)).max(floor);
                if (addend != null) v = v.add(FloatVector.fromArray(S, addend, d + k));
                v.intoArray(y, d + k);
            }
            if (k < o) {
                FloatVector bias = b == null ? zero : FloatVector.fromArray(S, b, k, tail);
                FloatVector v = FloatVector.fromArray(S, yt, s + k).add(bias).max(floor);
                if (addend != null) v = v.add(FloatVector.fromArray(S, addend, d + k, tail));
                v.intoArray(y, d + k, tail);
            }
        }
        return true;
    }

    /**
     * {@code y[d + j * o + k] += block[j * 16 + k]} for {@code k < rows} in each of {@code cells}
     * cells {@code j} (a transposed block of a channels-first map into a channels-last one).
     */
    static void addCells(float[] y, int d, int o, float[] block, int rows, int cells) {
        VectorMask<Float> m = S.indexInRange(0, rows);
        for (int j = 0; j < cells; j++, d += o) {
            FloatVector.fromArray(S, y, d, m).add(FloatVector.fromArray(S, block, j * 16, m)).intoArray(y, d, m);
        }
    }

    /**
     * {@code sums[s + k] += cells[c * cs + k]} for each of {@code count} cells {@code c} in order,
     * the sums held in registers between cells; false where {@code cs} is not a whole number of vectors.
     */
    static boolean addCellsInto(float[] cells, int from, int cs, int count, float[] sums, int s) {
        int l = S.length();
        if (cs % l != 0) return false;
        for (int k = 0; k < cs; k += l) {
            FloatVector acc = FloatVector.fromArray(S, sums, s + k);
            for (int c = 0, o = from + k; c < count; c++, o += cs) acc = acc.add(FloatVector.fromArray(S, cells, o));
            acc.intoArray(sums, s + k);
        }
        return true;
    }
}
