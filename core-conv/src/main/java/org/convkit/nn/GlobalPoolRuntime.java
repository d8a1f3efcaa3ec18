package org.convkit.nn;

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
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < groups; o++) {
                int b = i * inSize + base(o);
                if (max) {
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
                } else {
                    float s = 0;
                    for (int t = 0; t < len; t++) s += x[b + t * step];
                    y[i * groups + o] = s / len;
                }
            }
        }
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
