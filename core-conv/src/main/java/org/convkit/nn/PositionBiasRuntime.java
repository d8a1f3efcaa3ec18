package org.convkit.nn;

import org.convkit.tensor.Tensor;

import java.util.List;

/** Adds a learned bias to every element of each example. */
final class PositionBiasRuntime extends LayerRuntime {
    private final Parameter bias;

    PositionBiasRuntime(Parameter bias) {
        this.bias = bias;
    }

    @Override
    List<Parameter> parameters() {
        return List.of(bias);
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        int n = in[0].dim(0), size = bias.size();
        float[] x = in[0].data(), y = out.data(), b = bias.value().data();
        for (int i = 0; i < n; i++) for (int k = 0; k < size; k++) y[i * size + k] = x[i * size + k] + b[k];
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        int n = in[0].dim(0), size = bias.size();
        float[] dy = dOut.data(), db = bias.grad().data();
        for (int i = 0; i < n; i++) for (int k = 0; k < size; k++) db[k] += dy[i * size + k];
        if (dIn[0] != null) System.arraycopy(dy, 0, dIn[0].data(), 0, n * size);
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
