package org.convkit.nn;

import org.convkit.tensor.Tensor;

/** {@link Flatten} and {@link Reshape}: the data order does not change, so values and gradients are copied. */
final class CopyRuntime extends LayerRuntime {
    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        System.arraycopy(in[0].data(), 0, out.data(), 0, out.size());
    }

    /** Nothing to do where the model lets the output share the input's buffer. */
    @Override
    void inferenceOnly(Tensor[] in, Tensor out) {
        if (in[0].data() != out.data()) forward(in, out, false);
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        if (dIn[0] != null) System.arraycopy(dOut.data(), 0, dIn[0].data(), 0, dOut.size());
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
