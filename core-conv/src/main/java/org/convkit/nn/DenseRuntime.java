package org.convkit.nn;

import org.convkit.ops.FilterCache;
import org.convkit.ops.KeptDense;
import org.convkit.ops.Sgemm;
import org.convkit.tensor.Tensor;

import java.util.List;

/** {@code Y[n x units] = X[n x F] W^T + b}; dX = dY W; dW += dY^T X; db += column sums of dY. */
final class DenseRuntime extends LayerRuntime {
    private final int in;
    private final int units;
    private final Parameter weight;
    private final Parameter bias;
    /** The weights transposed, kept for inference on one or two examples (see {@link KeptDense}). */
    private final FilterCache transposed = new FilterCache();

    DenseRuntime(int in, int units, Parameter weight, Parameter bias) {
        this.in = in;
        this.units = units;
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    void forward(Tensor[] inputs, Tensor out, boolean training) {
        int n = inputs[0].dim(0);
        float[] y = out.data();
        if (bias != null) {
            float[] b = bias.value().data();
            for (int i = 0; i < n; i++) System.arraycopy(b, 0, y, i * units, units);
        }
        if (!training && KeptDense.applies(n, units, in)) {
            KeptDense.nt(n, units, in, inputs[0].data(), 0, in, weight.value().data(), 0, in, transposed, weight.version(),
                    y, 0, units, bias != null);
        } else {
            Sgemm.nt(n, units, in, inputs[0].data(), 0, in, weight.value().data(), 0, in, y, 0, units, bias != null);
        }
    }

    @Override
    void backward(Tensor[] inputs, Tensor out, Tensor dOut, Tensor[] dIn) {
        int n = inputs[0].dim(0);
        float[] dy = dOut.data();
        Sgemm.tn(units, in, n, dy, 0, units, inputs[0].data(), 0, in, weight.grad().data(), 0, in, true);
        if (bias != null) {
            float[] db = bias.grad().data();
            for (int i = 0; i < n; i++) for (int u = 0; u < units; u++) db[u] += dy[i * units + u];
        }
        if (dIn[0] != null) {
            Sgemm.nn(n, in, units, dy, 0, units, weight.value().data(), 0, in, dIn[0].data(), 0, in, false);
        }
    }

    @Override
    boolean backwardReadsInputs() {
        return true;
    }

    @Override
    boolean backwardReadsOutput() {
        return false;
    }
}
