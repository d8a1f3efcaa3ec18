package org.convkit.nn;

import org.convkit.tensor.Tensor;

/** Softmax over each example: {@code y = exp(x - max) / sum}; dX = y * (dY - sum(dY * y)). */
final class SoftmaxRuntime extends LayerRuntime {
    private final int size;

    SoftmaxRuntime(int size) {
        this.size = size;
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        int n = in[0].dim(0);
        float[] x = in[0].data(), y = out.data();
        for (int i = 0; i < n; i++) {
            int o = i * size;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < size; k++) max = Math.max(max, x[o + k]);
            double sum = 0;
            for (int k = 0; k < size; k++) sum += Math.exp(x[o + k] - max);
            for (int k = 0; k < size; k++) y[o + k] = (float) (Math.exp(x[o + k] - max) / sum);
        }
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        if (dIn[0] == null) return;
        int n = in[0].dim(0);
        float[] y = out.data(), dy = dOut.data(), dx = dIn[0].data();
        for (int i = 0; i < n; i++) {
            int o = i * size;
            double dot = 0;
            for (int k = 0; k < size; k++) dot += (double) dy[o + k] * y[o + k];
            for (int k = 0; k < size; k++) dx[o + k] = (float) (y[o + k] * (dy[o + k] - dot));
        }
    }

    @Override
    boolean backwardReadsInputs() {
        return false;
    }

    @Override
    boolean backwardReadsOutput() {
        return true;
    }
}
