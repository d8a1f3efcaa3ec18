package org.convkit.nn;

import org.convkit.ops.Parallel;
import org.convkit.tensor.Tensor;

/** Element-wise sum; the gradient reaches every input unchanged. */
final class AddRuntime extends LayerRuntime {
    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        float[] y = out.data();
        int size = out.size();
        Parallel.forRange(size, (from, to) -> {
            System.arraycopy(in[0].data(), from, y, from, to - from);
            for (int j = 1; j < in.length; j++) {
                float[] x = in[j].data();
                for (int k = from; k < to; k++) y[k] += x[k];
            }
        });
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        Parallel.forRange(dOut.size(), (from, to) -> {
            for (Tensor d : dIn) if (d != null) System.arraycopy(dOut.data(), from, d.data(), from, to - from);
        });
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
