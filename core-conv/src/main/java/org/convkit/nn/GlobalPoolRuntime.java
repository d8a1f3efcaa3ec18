package org.convkit.nn;

import org.convkit.ops.ChannelNorm;
import org.convkit.ops.ChannelSums;
import org.convkit.ops.Parallel;
import org.convkit.tensor.Tensor;

/**
 * Pools each channel's whole plane ({@link GlobalMaxPool2d}, {@link GlobalAvgPool2d}) or each
 * column over the time axis ({@link MaxOverTime}): in every case a reduction over {@code len}
 * elements spaced {@code step} apart, {@code groups} of them per example.
 */
final class GlobalPoolRuntime extends LayerRuntime {
    private final boolean max;
    private final int groups;   // outputs per example
    private final int len;      // elements reduced per output
    private final int step;     // distance between reduced elements
    private final int inner;    // outputs sharing a channel (W for MaxOverTime, 1 for global pools)
    private final int inSize;
    private int[] argmax = new int[0];

    GlobalPoolRuntime(boolean max, int groups, int len, int step, int inner, int inSize) {
        this.max = max;
        this.groups = groups;
        this.len = len;
        this.step = step;
        this.inner = inner;
        this.inSize = inSize;
    }

    @Override
    void ensureCapacity(int n) {
        if (max && argmax.length < n * groups) argmax = new int[n * groups];
    }

    /** Start of output {@code o}'s reduction within its example. */
    private int base(int o) {
        return (o / inner) * len * inner + (o % inner);
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        int n = in[0].dim(0);
        float[] x = in[0].data(), y = out.data();
        if (!max) {
            // averages: runs of AVG_RUN outputs (each example's outputs in order) over the threads
            int runs = (n * groups + AVG_RUN - 1) / AVG_RUN;
            if ((long) n * groups * len < PARALLEL_MIN) {
                for (int r = 0; r < runs; r++) averages(x, y, r * AVG_RUN, Math.min(n * groups, (r + 1) * AVG_RUN));
            } else {
                Parallel.forEach(runs, r -> averages(x, y, r * AVG_RUN, Math.min(n * groups, (r + 1) * AVG_RUN)));
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < groups; o++) {
                int b = i * inSize + base(o);
                float best = x[b];
                int bi = b;
                for (int t = 1; t < len && !Float.isNaN(best); t++) {
                    float v = x[b + t * step];
                    if (v > best || Float.isNaN(v)) {
                        best = v;
                        bi = b + t * step;
                    }
                }
                y[i * groups + o] = best;
                argmax[i * groups + o] = bi;
            }
        }
    }

    /** Whether this is a global average over each channel's plane (what {@link #inferenceFused} runs). */
    boolean globalAverage() {
        return !max && inner == 1 && step == 1;
    }

    /**
     * A global average's inference pass on {@code norm(x)} (null: on {@code x}), the input maps
     * channels-last ({@code [h][w][c]}) where {@code channelsLast}: a batch normalisation whose
     * only reader is this pooling, run inside it by {@link Model}'s lean passes. Each average is
     * still one float sum over the plane in order, so the bits are those of the steps apart.
     */
    void inferenceFused(Tensor in, Tensor out, ChannelNorm norm, boolean channelsLast) {
        int n = in.dim(0), c = groups;
        float[] x = in.data(), y = out.data();
        if (!channelsLast) {
            if (norm == null) {
                forward(new Tensor[]{in}, out, false);
                return;
            }
            // plane by plane: normalised into a plane of scratch, then summed in order
            Parallel.forEach(n * c, k -> {
                float[] plane = PLANE.get();
                if (plane.length < len) PLANE.set(plane = new float[len]);
                System.arraycopy(x, k * len, plane, 0, len);
                norm.apply(plane, plane, 0, len, k % c);
                float sum = 0;
                for (int t = 0; t < len; t++) sum += plane[t];
                y[k] = sum / len;
            });
            return;
        }
        // channels-last: the cells in order, each channel a lane of the running sums
        for (int i = 0; i < n; i++) ChannelSums.averages(x, i * inSize, c, len, norm, y, i * c);
    }

    /** A thread's plane of normalised values for {@link #inferenceFused} on channels-first maps. */
    private static final ThreadLocal<float[]> PLANE = ThreadLocal.withInitial(() -> new float[0]);

    /** Outputs per job of the averages, and the work below which they stay on the calling thread. */
    private static final int AVG_RUN = 8, PARALLEL_MIN = 1 << 16;

    /**
     * Averages {@code [k0, k1)} (output {@code k} is example {@code k / groups}'s output
     * {@code k % groups}), each summed in order as one float: the same bits as one output at a
     * time, but eight sums advance together, so the additions overlap instead of each waiting
     * for the one before (res15's pool over 45 maps of 4,040 took 129 microseconds one at a time).
     */
    private void averages(float[] x, float[] y, int k0, int k1) {
        int k = k0;
        for (; k + 8 <= k1; k += 8) {
            int b0 = start(k), b1 = start(k + 1), b2 = start(k + 2), b3 = start(k + 3);
            int b4 = start(k + 4), b5 = start(k + 5), b6 = start(k + 6), b7 = start(k + 7);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int t = 0, d = 0; t < len; t++, d += step) {
                s0 += x[b0 + d];
                s1 += x[b1 + d];
                s2 += x[b2 + d];
                s3 += x[b3 + d];
                s4 += x[b4 + d];
                s5 += x[b5 + d];
                s6 += x[b6 + d];
                s7 += x[b7 + d];
            }
            y[k] = s0 / len;
            y[k + 1] = s1 / len;
            y[k + 2] = s2 / len;
            y[k + 3] = s3 / len;
            y[k + 4] = s4 / len;
            y[k + 5] = s5 / len;
            y[k + 6] = s6 / len;
            y[k + 7] = s7 / len;
        }
        for (; k < k1; k++) {
            int b = start(k);
            float s = 0;
            for (int t = 0; t < len; t++) s += x[b + t * step];
            y[k] = s / len;
        }
    }

    /** Where output {@code k} (counted over the batch) starts its reduction. */
    private int start(int k) {
        return (k / groups) * inSize + base(k % groups);
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        if (dIn[0] == null) return;
        int n = in[0].dim(0);
        float[] dx = dIn[0].data(), dy = dOut.data();
        java.util.Arrays.fill(dx, 0, n * inSize, 0f);
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < groups; o++) {
                float d = dy[i * groups + o];
                if (max) {
                    dx[argmax[i * groups + o]] += d;
                } else {
                    int b = i * inSize + base(o);
                    float share = d / len;
                    for (int t = 0; t < len; t++) dx[b + t * step] += share;
                }
            }
        }
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
