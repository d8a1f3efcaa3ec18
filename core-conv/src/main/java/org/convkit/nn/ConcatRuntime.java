package org.convkit.nn;

import org.convkit.tensor.Tensor;

/** Concatenation along the first per-example axis: each example's blocks laid one after another. */
final class ConcatRuntime extends LayerRuntime {
    private final int[] sizes;
    private final int outSize;

    ConcatRuntime(int[] sizes) {
        this.sizes = sizes;
        int s = 0;
        for (int v : sizes) s += v;
        this.outSize = s;
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        int n = in[0].dim(0);
        for (int i = 0; i < n; i++) {
            int o = i * outSize;
            for (int j = 0; j < in.length; j++) {
                System.arraycopy(in[j].data(), i * sizes[j], out.data(), o, sizes[j]);
                o += sizes[j];
            }
        }
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        int n = in[0].dim(0);
        for (int i = 0; i < n; i++) {
            int o = i * outSize;
            for (int j = 0; j < in.length; j++) {
                if (dIn[j] != null) System.arraycopy(dOut.data(), o, dIn[j].data(), i * sizes[j], sizes[j]);
                o += sizes[j];
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
