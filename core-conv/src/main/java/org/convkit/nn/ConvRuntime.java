package org.convkit.nn;

import org.convkit.ops.Conv2dKernel;
import org.convkit.ops.ConvGeometry;
import org.convkit.tensor.Tensor;

import java.util.List;

/**
 * Runs {@link Conv2d} and {@link DepthwiseConv2d} through a {@link Conv2dKernel}'s batch calls, which
 * spread examples over the cores (a single example is instead split inside its kernels) and sum
 * weight gradients so that the bits do not depend on the thread count. With {@code fusedRelu} the
 * forward pass writes {@code max(conv + b, 0)}.
 */
final class ConvRuntime extends LayerRuntime {
    private final ConvGeometry g;
    private final Conv2dKernel kernel;
    private final Parameter weight;
    private final Parameter bias;
    private final boolean fusedRelu;
    private final GrowableBuffer chunks;

    ConvRuntime(ConvGeometry g, Conv2dKernel kernel, Parameter weight, Parameter bias, boolean fusedRelu,
                GrowableBuffer chunks) {
        this.g = g;
        this.kernel = kernel;
        this.weight = weight;
        this.bias = bias;
        this.fusedRelu = fusedRelu;
        this.chunks = chunks;
    }

    @Override
    List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        float[] b = bias == null ? null : bias.value().data();
        kernel.forwardBatch(g, in[0].dim(0), in[0].data(), weight.value().data(), b, out.data(), fusedRelu, chunks::get);
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        Tensor dx = dIn[0];
        kernel.backwardBatch(g, in[0].dim(0), in[0].data(), dOut.data(), weight.value().data(),
                dx == null ? null : dx.data(), weight.grad().data(), bias == null ? null : bias.grad().data(), chunks::get);
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
