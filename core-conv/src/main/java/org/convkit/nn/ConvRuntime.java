package org.convkit.nn;

import org.convkit.ops.Conv2dKernel;
import org.convkit.ops.ConvGeometry;
import org.convkit.ops.FilterCache;
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
    /** The transformed filters single-example inference keeps (see {@link #CACHED_MAX_BATCH}). */
    private final FilterCache filters = new FilterCache();

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

    /**
     * Inference batches of at most this size keep their transformed filters between calls: a larger
     * batch shares one transform over its examples anyway, and training changes the weights every
     * step. The AlphaGo network has eleven 192x192 layers whose F(2x2,3x3) transforms, redone per call, took its
     * batch-1 pass from 10.2-10.6 ms to 13.7-14.5 (2.4 MB written and read back per layer).
     */
    static final int CACHED_MAX_BATCH = 3;

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        float[] b = bias == null ? null : bias.value().data();
        int n = in[0].dim(0);
        if (!training && n <= CACHED_MAX_BATCH) {
            kernel.forwardBatch(g, n, in[0].data(), weight.value().data(), filters, weight.version(), b, out.data(),
                    fusedRelu, chunks::get);
        } else {
            kernel.forwardBatch(g, n, in[0].data(), weight.value().data(), b, out.data(), fusedRelu, chunks::get);
        }
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
