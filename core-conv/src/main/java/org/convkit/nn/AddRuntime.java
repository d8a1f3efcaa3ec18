package org.convkit.nn;

import org.convkit.tensor.Tensor;

/** Element-wise sum; the gradient reaches every input unchanged. */
final class AddRuntime extends LayerRuntime {
    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        float[] y = out.data();
        int size = out.size();
        System.arraycopy(in[0].data(), 0, y, 0, size);
        for (int j = 1; j < in.length; j++) {
            float[] x = in[j].data();
            for (int k = 0; k < size; k++) y[k] += x[k];
        }
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        for (Tensor d : dIn) if (d != null) System.arraycopy(dOut.data(), 0, d.data(), 0, dOut.size());
    }
}
