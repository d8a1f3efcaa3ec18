package org.convkit.nn;

import org.convkit.tensor.Tensor;

/** ReLU, tanh and sigmoid: element-wise, gradients from the kept output. */
final class ActivationRuntime extends LayerRuntime {
    enum Kind { RELU, TANH, SIGMOID }

    private final Kind kind;

    ActivationRuntime(Kind kind) {
        this.kind = kind;
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        float[] x = in[0].data(), y = out.data();
        int size = out.size();
        switch (kind) {
            case RELU -> {
                for (int k = 0; k < size; k++) y[k] = x[k] > 0 ? x[k] : (Float.isNaN(x[k]) ? x[k] : 0f);
            }
            case TANH -> {
                for (int k = 0; k < size; k++) y[k] = (float) Math.tanh(x[k]);
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

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        if (dIn[0] == null) return;
        float[] y = out.data(), dy = dOut.data(), dx = dIn[0].data();
        int size = out.size();
        switch (kind) {
            case RELU -> {
                for (int k = 0; k < size; k++) dx[k] = y[k] > 0 ? dy[k] : 0f;
            }
            case TANH -> {
                for (int k = 0; k < size; k++) dx[k] = dy[k] * (1 - y[k] * y[k]);
            }
            case SIGMOID -> {
                for (int k = 0; k < size; k++) dx[k] = dy[k] * y[k] * (1 - y[k]);
            }
        }
    }
}
