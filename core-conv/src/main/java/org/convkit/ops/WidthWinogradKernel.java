package org.convkit.ops;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Convolution by Winograd's minimal filtering F(4, r) along the width only (Lavin and Gray 2016,
 * eq. 7, in one dimension): for filters {@code kh x r} with {@code r} from 3 to 5, each run of four
 * outputs along a row is {@code A^T [(G g) ⊙ (B^T d)]} of the {@code r + 3} inputs under it, so
 * every row of taps costs {@code r + 3} multiplications per four outputs instead of {@code 4r}.
 * Summed over input channels and filter rows, the element-wise products become {@code r + 3}
 * matrix products {@code M[t] = V[t] U[t]}: rows are the output positions (output row, run of
 * four), columns the output channels, and the shared dimension is (filter row, input channel).
 * The height needs no transform: filter row {@code ky} reads the transformed input
 * {@code ky * dilationH} rows further down, so {@code V[t]}'s rows for all filter rows are windows
 * of one array, read in place.
 *
 * <p>This is the shape of a keyword-spotting CNN's second layer (Sainath and Parada 2015's
 * 10 x 4 filters over 64 channels: 68 M multiply-adds by im2col, 36.7 M here), where 2-D Winograd
 * does not apply. The backward-data pass is the same algorithm on the layer's transposed geometry
 * (dL/dO fully padded under the turned filters).
 *
 * <p>Layout: the input goes to a zero-padded channels-last copy ({@link WinogradConv2dKernel}'s),
 * {@code V[t]} is {@code (paddedRows x runs) x cp}, {@code U[t]} is {@code (kh x inChannels) x op},
 * {@code M[t]} is {@code positions x op}, and the output transform writes a channels-last copy that
 * bias and ReLU are applied to as it is copied out. Every transform is a fixed sequence of fused
 * multiply-adds per element, and each product element is one chain of them over (filter row,
 * channel) in order, so the vector path ({@link VectorWidthWinograd}) and the plain loops here give
 * the same bits, on any number of threads.
 */
final class WidthWinogradKernel {
    /** Outputs per run along the width: F(4, r). */
    static final int RUN = 4;
    static final int MIN_R = 3;
    static final int MAX_R = 5;
    /** Rows of the products' register tile (output positions). */
    static final int ROWS = 6;
    /** Fewer channels than this on either side leave the products too thin to repay the transforms. */
    static final int MIN_CHANNELS = 16;
    private static final boolean ON = Boolean.parseBoolean(System.getProperty("convkit.winogradWidth", "true"));
    /** This kernel's tag for its transformed filters in a {@link FilterCache}. */
    private static final int KIND = 3;
    // the workspace slots of WinogradConv2dKernel's forward pass (never used by both at once)
    private static final int XT = WinogradConv2dKernel.XT, V = WinogradConv2dKernel.V, M = WinogradConv2dKernel.M;
    private static final int YT = WinogradConv2dKernel.YT, U = WinogradConv2dKernel.U;
    private static final ToomCook[] F = new ToomCook[MAX_R + 1];

    static {
        for (int r = MIN_R; r <= MAX_R; r++) F[r] = new ToomCook(RUN, r);
    }

    private WidthWinogradKernel() {
    }

    /** Whether the algorithm computes {@code g} at all: ungrouped, stride 1, undilated along the width, 3 to 5 taps wide. */
    static boolean handles(ConvGeometry g) {
        return g.groups() == 1 && g.strideH() == 1 && g.strideW() == 1 && g.dilationW() == 1
                && g.kernelW() >= MIN_R && g.kernelW() <= MAX_R && g.outH() > 0 && g.outW() > 0;
    }

    /**
     * Whether {@code g}'s forward pass goes here: enough channels on both sides, at most three
     * quarters of im2col's multiplications once the last run's spare columns are counted (13
     * columns of a 4-wide filter: 4 runs of 7 against 52), and a vector unit of 16 floats, for
     * which the products' register tile is sized.
     */
    static boolean chosen(ConvGeometry g) {
        return ON && Sgemm.VECTOR && VectorGemm.L >= 16 && handles(g) && g.inChannels() >= MIN_CHANNELS
                && g.outChannels() >= MIN_CHANNELS && 4 * runs(g.outW()) * (RUN + g.kernelW() - 1) <= 3 * g.outW() * g.kernelW();
    }

    /** Whether {@code g}'s backward-data pass goes here (as the forward pass of its transposed geometry). */
    static boolean chosenBackwardData(ConvGeometry g) {
        ConvGeometry tg = transposed(g);
        return tg != null && chosen(tg);
    }

    private static int runs(int ow) {
        return (ow + RUN - 1) / RUN;
    }

    /** dL/dX of a stride-1 ungrouped layer as a forward convolution, under the turned filters (null if none). */
    static ConvGeometry transposed(ConvGeometry g) {
        return Im2colConv2dKernel.fullTransposed(g);
    }

    // ---------------------------------------------------------------- entry points

    /** One example: {@code y = conv(x, w) + b} ({@code b} may be null), with ReLU when asked. */
    static void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, boolean relu,
                        Workspace ws) {
        Plan p = plan(g);
        float[] u = ws.get(U, p.n * p.su);
        boolean split = WinogradConv2dKernel.splits();
        if (!split) {
            filterTransform(p, w, false, u, 0, g.outChannels());
            example(p, x, xOff, u, b, y, yOff, relu, ws, false);
            return;
        }
        float[] xt = ws.get(XT, p.xtSize), v = ws.get(V, p.n * p.sv);
        int parts = Math.min(Parallel.threads(), p.rows);
        // the filter transform and the input's copy and transform share one pass over the threads
        Parallel.forEach(parts, q -> {
            int f0 = filterSplit(p, parts, q), f1 = filterSplit(p, parts, q + 1);
            filterTransform(p, w, false, u, f0, f1);
            int r0 = Parallel.chunkStart(p.rows, parts, q), r1 = Parallel.chunkStart(p.rows, parts, q + 1);
            input(p, x, xOff, xt, v, r0, r1);
        });
        rest(p, v, u, b, y, yOff, relu, ws, true);
    }

    /** {@code n} examples one after another in {@code x} and {@code y}: the filters are transformed once. */
    static void forwardBatch(ConvGeometry g, int n, float[] x, float[] w, float[] b, float[] y, boolean relu,
                             IntFunction<float[]> scratch) {
        batch(g, n, x, w, false, null, 0, b, y, relu, scratch);
    }

    /** As {@link #forwardBatch}, keeping the transformed filters in {@code cache} (see {@link FilterCache}). */
    static void forwardBatch(ConvGeometry g, int n, float[] x, float[] w, FilterCache cache, long version, float[] b,
                             float[] y, boolean relu, IntFunction<float[]> scratch) {
        batch(g, n, x, w, false, cache, version, b, y, relu, scratch);
    }

    /** dL/dX of {@code n} examples (overwritten), the forward pass of the transposed geometry. */
    static void backwardDataBatch(ConvGeometry g, int n, float[] dy, float[] w, float[] dx, IntFunction<float[]> scratch) {
        batch(transposed(g), n, dy, w, true, null, 0, null, dx, false, scratch);
    }

    /** dL/dX of one example (overwritten). */
    static void backwardData(ConvGeometry g, float[] dy, int dyOff, float[] w, float[] dx, int dxOff, Workspace ws) {
        Plan p = plan(transposed(g));
        float[] u = ws.get(U, p.n * p.su);
        boolean split = WinogradConv2dKernel.splits();
        WinogradConv2dKernel.stage(split, p.filterUnits, (f0, f1) -> filterTransform(p, w, true, u, unitStart(p, f0),
                unitStart(p, f1)));
        example(p, dy, dyOff, u, null, dx, dxOff, false, ws, split);
    }

    private static void batch(ConvGeometry g, int n, float[] x, float[] w, boolean turned, FilterCache cache,
                              long version, float[] b, float[] y, boolean relu, IntFunction<float[]> scratch) {
        Plan p = plan(g);
        float[] u = WinogradConv2dKernel.filters(cache, KIND, version, p.n * p.su, scratch,
                t -> WinogradConv2dKernel.stage(WinogradConv2dKernel.splits(), p.filterUnits,
                        (f0, f1) -> filterTransform(p, w, turned, t, unitStart(p, f0), unitStart(p, f1))));
        int is = g.inSize(), os = g.outSize();
        // a batch of one runs on the calling thread, and then each step is split over the threads
        Parallel.forEach(n, i -> example(p, x, i * is, u, b, y, i * os, relu, Parallel.workspace(),
                WinogradConv2dKernel.splits()));
    }

    /** First output channel of filter-transform unit {@code k} (units are whole vectors of channels). */
    private static int unitStart(Plan p, int k) {
        return Math.min(p.g.outChannels(), k * VECTOR_WIDTH);
    }

    private static int filterSplit(Plan p, int parts, int q) {
        return unitStart(p, Parallel.chunkStart(p.filterUnits, parts, q));
    }

    private static void example(Plan p, float[] x, int xOff, float[] u, float[] b, float[] y, int yOff, boolean relu,
                                Workspace ws, boolean split) {
        float[] xt = ws.get(XT, p.xtSize), v = ws.get(V, p.n * p.sv);
        WinogradConv2dKernel.stage(split, p.rows, (r0, r1) -> input(p, x, xOff, xt, v, r0, r1));
        rest(p, v, u, b, y, yOff, relu, ws, split);
    }

    /** The products and the output transform, which the input's stage has been waited for. */
    private static void rest(Plan p, float[] v, float[] u, float[] b, float[] y, int yOff, boolean relu, Workspace ws,
                             boolean split) {
        float[] m = ws.get(M, p.n * p.sm), yt = ws.get(YT, p.ytSize);
        if (!split) {
            products(p, v, u, m, 0, p.n * p.blocks);
            output(p, m, yt, b, relu, y, yOff, 0, p.oh);
            return;
        }
        WinogradConv2dKernel.stage(true, p.n * p.blocks, (k0, k1) -> products(p, v, u, m, k0, k1));
        WinogradConv2dKernel.stage(true, p.oh, (r0, r1) -> output(p, m, yt, b, relu, y, yOff, r0, r1));
    }

    /** Rows {@code [r0, r1)} of the padded input: the channels-last copy, then its transform (rows are independent). */
    private static void input(Plan p, float[] x, int xOff, float[] xt, float[] v, int r0, int r1) {
        ConvGeometry g = p.g;
        WinogradConv2dKernel.toChannelsLast(x, xOff, g.inChannels(), g.inH(), g.inW(), xt, p.rows, p.inCols, p.cp,
                g.padTop(), g.padLeft(), r0, r1);
        inputTransform(p, xt, v, r0, r1);
    }

    /** Output rows {@code [r0, r1)}: the output transform, then bias and ReLU on the copy out. */
    private static void output(Plan p, float[] m, float[] yt, float[] b, boolean relu, float[] y, int yOff, int r0, int r1) {
        outputTransform(p, m, yt, r0, r1);
        WinogradConv2dKernel.fromChannelsLast(yt, 0, p.op, p.ytCols, p.g.outChannels(), p.oh, p.g.outW(), b, relu, y, yOff,
                r0, r1);
    }

    private static final int VECTOR_WIDTH = 16;

    // ---------------------------------------------------------------- the plan of a geometry

    private static final ConcurrentHashMap<ConvGeometry, Plan> PLANS = new ConcurrentHashMap<>();

    static Plan plan(ConvGeometry g) {
        Plan p = PLANS.get(g);
        if (p == null) {
            if (!handles(g)) throw new IllegalArgumentException("width Winograd does not compute " + g);
            p = new Plan(g);
            if (PLANS.size() < 256) PLANS.put(g, p);
        }
        return p;
    }

    /** Sizes and strides of one geometry's buffers. */
    static final class Plan {
        final ConvGeometry g;
        final ToomCook f;
        /** Points per run ({@code r + 3}) and filter taps {@code kh x r}. */
        final int n, r, kh;
        /** Padded input rows, runs per row, channels-last input columns, output rows. */
        final int rows, runs, inCols, oh;
        /** Channels padded to whole vectors: input {@code cp}, output {@code op}. */
        final int cp, op;
        /** Output positions (output row, run), and their register-tile blocks. */
        final int positions, blocks;
        /** Distances between the {@code n} matrices {@code V[t]}, {@code M[t]}, {@code U[t]}. */
        final int sv, sm, su;
        final int xtSize, ytCols, ytSize, filterUnits;
        /** Lane offsets of one vector of filters in the weights, as stored and as the transposed layer reads them. */
        final int[] lanes, turnedLanes;

        Plan(ConvGeometry g) {
            this.g = g;
            r = g.kernelW();
            kh = g.kernelH();
            f = F[r];
            n = f.n;
            oh = g.outH();
            rows = g.inH() + g.padTop() + g.padBottom();
            runs = runs(g.outW());
            inCols = runs * RUN + r - 1;
            cp = WinogradConv2dKernel.padChannels(g.inChannels());
            op = WinogradConv2dKernel.padChannels(g.outChannels());
            positions = oh * runs;
            blocks = (positions + ROWS - 1) / ROWS;
            // the last block reads up to ROWS - 1 positions past the map: rows nobody writes, whose
            // products land only in rows of M that the output transform never reads
            sv = WinogradConv2dKernel.stride((rows * runs + ROWS) * cp);
            sm = WinogradConv2dKernel.stride(blocks * ROWS * op);
            su = WinogradConv2dKernel.stride(kh * g.inChannels() * op);
            xtSize = rows * inCols * cp;
            ytCols = runs * RUN;
            ytSize = oh * ytCols * op;
            filterUnits = (g.outChannels() + VECTOR_WIDTH - 1) / VECTOR_WIDTH;
            lanes = new int[VECTOR_WIDTH];
            turnedLanes = new int[VECTOR_WIDTH];
            for (int l = 0; l < VECTOR_WIDTH; l++) {
                lanes[l] = l * g.inChannels() * kh * r;
                turnedLanes[l] = l * kh * r;
            }
        }

        /**
         * Where filter {@code o}'s tap {@code (ci, ky, kx)} is in the weights: {@code w[o][ci][ky][kx]},
         * or for the transposed layer {@code w[ci][o][kh-1-ky][r-1-kx]} of the layer it came from.
         */
        int tap(boolean turned, int o, int ci, int ky, int kx) {
            if (!turned) return ((o * g.inChannels() + ci) * kh + ky) * r + kx;
            return ((ci * g.outChannels() + o) * kh + kh - 1 - ky) * r + r - 1 - kx;
        }
    }

    // ---------------------------------------------------------------- the steps

    /**
     * {@code U[t][(ky, ci)][o] = sum_kx G[t][kx] w[o][ci][ky][kx]} for filters {@code [o0, o1)};
     * the part that ends the filters clears the padding columns.
     */
    static void filterTransform(Plan p, float[] w, boolean turned, float[] u, int o0, int o1) {
        int o = p.g.outChannels(), c = p.g.inChannels();
        if (o1 == o && p.op > o) {
            for (int t = 0; t < p.n; t++) {
                for (int row = 0; row < p.kh * c; row++) {
                    int d = t * p.su + row * p.op;
                    java.util.Arrays.fill(u, d + o, d + p.op, 0f);
                }
            }
        }
        if (Sgemm.VECTOR) o0 = VectorWidthWinograd.filters(p, w, turned, u, o0, o1);
        filterTransformScalar(p, w, turned, u, o0, o1);
    }

    /** {@link #filterTransform} in plain loops: each value the same chain of fused multiply-adds as the vector path's. */
    static void filterTransformScalar(Plan p, float[] w, boolean turned, float[] u, int o0, int o1) {
        int c = p.g.inChannels(), n = p.n, r = p.r;
        float[] gm = p.f.g;
        for (int co = o0; co < o1; co++) {
            for (int ky = 0; ky < p.kh; ky++) {
                for (int ci = 0; ci < c; ci++) {
                    int d = (ky * c + ci) * p.op + co;
                    for (int t = 0; t < n; t++) {
                        float acc = 0f;
                        for (int kx = 0; kx < r; kx++) {
                            float coef = gm[t * r + kx];
                            acc = Math.fma(coef, w[p.tap(turned, co, ci, ky, kx)], acc);
                        }
                        u[t * p.su + d] = acc;
                    }
                }
            }
        }
    }

    /** {@code V[t][(row, run)][c] = sum_j B^T[t][j] xt[row][4 run + j][c]} for padded rows {@code [r0, r1)}. */
    static void inputTransform(Plan p, float[] xt, float[] v, int r0, int r1) {
        if (Sgemm.VECTOR) VectorWidthWinograd.input(p, xt, v, r0, r1);
        else inputTransformScalar(p, xt, v, r0, r1);
    }

    /** {@link #inputTransform} in plain loops (the same bits). */
    static void inputTransformScalar(Plan p, float[] xt, float[] v, int r0, int r1) {
        int cp = p.cp, n = p.n;
        float[] bt = p.f.bt;
        for (int row = r0; row < r1; row++) {
            for (int run = 0; run < p.runs; run++) {
                int a = (row * p.inCols + run * RUN) * cp, d = (row * p.runs + run) * cp;
                for (int ch = 0; ch < cp; ch++) {
                    for (int t = 0; t < n; t++) {
                        float acc = 0f;
                        for (int j = 0; j < n; j++) {
                            float coef = bt[t * n + j];
                            acc = Math.fma(coef, xt[a + j * cp + ch], acc);
                        }
                        v[t * p.sv + d + ch] = acc;
                    }
                }
            }
        }
    }

    /**
     * {@code M[t] = V[t] U[t]} for the units {@code [k0, k1)} (unit {@code t * blocks + block}: the
     * {@link #ROWS} output positions of one block against all filters).
     */
    static void products(Plan p, float[] v, float[] u, float[] m, int k0, int k1) {
        if (Sgemm.VECTOR && VectorGemm.L >= 16) VectorWidthWinograd.products(p, v, u, m, k0, k1);
        else productsScalar(p, v, u, m, k0, k1);
    }

    /** {@link #products} in plain loops: each element one chain over (filter row, channel) in order, as the vector tile sums it. */
    static void productsScalar(Plan p, float[] v, float[] u, float[] m, int k0, int k1) {
        int c = p.g.inChannels(), cp = p.cp, op = p.op, rowStep = p.g.dilationH() * p.runs * cp;
        for (int k = k0; k < k1; k++) {
            int t = k / p.blocks, pos0 = k % p.blocks * ROWS;
            for (int pos = pos0; pos < pos0 + ROWS; pos++) {
                int vr = t * p.sv + pos * cp, mr = t * p.sm + pos * op;
                for (int co = 0; co < op; co++) {
                    float acc = 0f;
                    for (int ky = 0; ky < p.kh; ky++) {
                        int a = vr + ky * rowStep, bb = t * p.su + ky * c * op + co;
                        for (int ci = 0; ci < c; ci++) acc = Math.fma(v[a + ci], u[bb + ci * op], acc);
                    }
                    m[mr + co] = acc;
                }
            }
        }
    }

    /** {@code yt[oy][4 run + i][o] = sum_t A^T[i][t] M[t][(oy, run)][o]} for output rows {@code [r0, r1)}. */
    static void outputTransform(Plan p, float[] m, float[] yt, int r0, int r1) {
        if (Sgemm.VECTOR) VectorWidthWinograd.output(p, m, yt, r0, r1);
        else outputTransformScalar(p, m, yt, r0, r1);
    }

    /** {@link #outputTransform} in plain loops (the same bits). */
    static void outputTransformScalar(Plan p, float[] m, float[] yt, int r0, int r1) {
        int op = p.op, n = p.n;
        float[] at = p.f.at;
        for (int oy = r0; oy < r1; oy++) {
            for (int run = 0; run < p.runs; run++) {
                int s = (oy * p.runs + run) * op, d = (oy * p.ytCols + run * RUN) * op;
                for (int ch = 0; ch < op; ch++) {
                    for (int i = 0; i < RUN; i++) {
                        float acc = 0f;
                        for (int t = 0; t < n; t++) {
                            float coef = at[i * n + t];
                            acc = Math.fma(coef, m[t * p.sm + s + ch], acc);
                        }
                        yt[d + i * op + ch] = acc;
                    }
                }
            }
        }
    }
}
