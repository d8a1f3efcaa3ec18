package org.convkit.nn;

import org.convkit.tensor.Tensor;

import java.util.List;

/**
 * The arithmetic of one layer: forward, backward and the buffers they keep between the two.
 * A model creates one per node from the node's {@link LayerSpec} and its input shapes.
 *
 * <p>Contract: {@code forward} overwrites {@code out}; {@code backward} overwrites each non-null
 * {@code dIn[j]} with dL/d(input j) and adds dL/d(parameter) into the parameters' gradients.
 * A null {@code dIn[j]} means that gradient is not needed.
 */
abstract class LayerRuntime {

    /** The parameters, in the order the layer's spec lists them. */
    List<Parameter> parameters() {
        return List.of();
    }

    /** Makes room for batches of up to {@code n} examples (called before the first forward of a larger batch). */
    void ensureCapacity(int n) {
    }

    /**
     * Whether {@code backward} reads the values of its inputs. When no layer needs a value after
     * the forward pass, the model lets later values reuse its buffer. Shapes stay readable.
     */
    boolean backwardReadsInputs() {
        return true;
    }

    /** Whether {@code backward} reads the values of its own output (see {@link #backwardReadsInputs}). */
    boolean backwardReadsOutput() {
        return true;
    }

    abstract void forward(Tensor[] in, Tensor out, boolean training);

    /**
     * The forward pass in inference mode when no backward pass can follow (the model's lean
     * inference buffers): a runtime may then skip what it keeps for backward. {@code out} may be
     * {@code in[0]}'s own buffer where the model lets an identity layer's output share it.
     */
    void inferenceOnly(Tensor[] in, Tensor out) {
        forward(in, out, false);
    }

    abstract void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn);
}
