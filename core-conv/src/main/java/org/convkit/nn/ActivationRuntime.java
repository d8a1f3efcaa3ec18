package org.convkit.nn;

import org.convkit.ops.Parallel;
import org.convkit.ops.ReluMask;
import org.convkit.tensor.Tensor;

/**
 * ReLU, tanh and sigmoid: element-wise. Tanh and sigmoid take their gradients from the kept
 * output; ReLU keeps one bit per element (whether the output is positive) instead, so its output
 * buffer can be reused once the forward pass is past it.
 */
final class ActivationRuntime extends LayerRuntime {
    enum Kind { RELU, TANH, SIGMOID }

    private final Kind kind;
    private long[] positive = new long[0];

    ActivationRuntime(Kind kind) {
        this.kind = kind;
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        float[] x = in[0].data(), y = out.data();
        int size = out.size();
        switch (kind) {
            case RELU -> {
                // the mask is kept in inference mode too: backward may follow any forward pass
                int words = (size + 63) >>> 6;
                if (positive.length < words) positive = new long[words];
                long[] bits = positive;
                // split on 64-element boundaries so each word of the mask belongs to one range
                Parallel.forRange(words, (w0, w1) -> {
                    int from = w0 << 6, to = Math.min(size, w1 << 6);
                    // sharing its buffer with a convolution that already applied it (see Model): only the mask
                    if (x != y) {
                        for (int k = from; k < to; k++) y[k] = x[k] > 0 ? x[k] : (Float.isNaN(x[k]) ? x[k] : 0f);
                    }
                    ReluMask.pack(y, from, to, bits);
                });
            }
            case TANH -> {
                Parallel.forRange(size, (from, to) -> {
                    for (int k = from; k < to; k++) y[k] = (float) Math.tanh(x[k]);
                });
            }
            case SIGMOID -> {
                for (int k = 0; k < size; k++) {
                    // Two branches so exp never overflows.
                    double v = x[k];
                    y[k] = (float) (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));
                }
            }
        }
    }

    /** ReLU without its mask: nothing at all after a convolution that already applied it. */
    @Override
    void inferenceOnly(Tensor[] in, Tensor out) {
        float[] x = in[0].data(), y = out.data();
        if (kind != Kind.RELU) {
            forward(in, out, false);
        } else if (x != y) {
            Parallel.forRange(out.size(), (from, to) -> {
                for (int k = from; k < to; k++) y[k] = x[k] > 0 ? x[k] : (Float.isNaN(x[k]) ? x[k] : 0f);
            });
        }
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        if (dIn[0] == null) return;
        float[] y = out.data(), dy = dOut.data(), dx = dIn[0].data();
        int size = out.size();
        switch (kind) {
            case RELU -> {
                long[] bits = positive;
                Parallel.forRange((size + 63) >>> 6, (w0, w1) -> ReluMask.apply(bits, dy, dx, w0 << 6, Math.min(size, w1 << 6)));
            }
            case TANH -> {
                Parallel.forRange(size, (from, to) -> {
                    for (int k = from; k < to; k++) dx[k] = dy[k] * (1 - y[k] * y[k]);
                });
            }
            case SIGMOID -> {
                Parallel.forRange(size, (from, to) -> {
                    for (int k = from; k < to; k++) dx[k] = dy[k] * y[k] * (1 - y[k]);
                });
            }
        }
    }

    @Override
    boolean backwardReadsInputs() {
        return false;
    }

    @Override
    boolean backwardReadsOutput() {
        return kind != Kind.RELU;
    }
}
