package org.convkit.nn;

import org.convkit.ops.ChannelNorm;
import org.convkit.ops.Conv2dKernel;
import org.convkit.ops.ConvGeometry;
import org.convkit.ops.FilterCache;
import org.convkit.ops.Parallel;
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

    /**
     * An inference pass on {@code norm(x)} (null: on {@code x}), with {@code addend} (null: none)
     * added to the output, the maps stored as {@code layout}'s flags say
     * ({@link Conv2dKernel#INPUT_CHANNELS_LAST} and the others): a batch normalisation that only
     * this layer reads and a residual sum that only reads this layer's (ReLU'd) output, run by
     * {@link Model}'s lean passes inside the convolution where its kernel can
     * ({@link Conv2dKernel#forwardBatchFused}), else, for channels-first maps, as the separate
     * steps, with the same bits either way.
     *
     * @throws IllegalStateException if a layout asks for channels-last maps that the kernel does not run
     */
    void inferenceFused(Tensor[] in, Tensor out, ChannelNorm norm, Tensor addend, int layout) {
        float[] b = bias == null ? null : bias.value().data(), x0 = in[0].data(), y = out.data();
        float[] a = addend == null ? null : addend.data();
        int n = in[0].dim(0);
        boolean keep = n <= CACHED_MAX_BATCH;
        if (kernel.forwardBatchFused(g, n, x0, weight.value().data(), keep ? filters : null, weight.version(), b, y, fusedRelu,
                norm, a, layout, chunks::get)) {
            return;
        }
        if (layout != 0) throw new IllegalStateException("the kernel does not run channels-last maps of " + g + " for " + n + " examples");
        float[] x = x0;
        if (norm != null) {
            int plane = g.inH() * g.inW(), c = g.inChannels(), size = n * g.inSize();
            if (normalised.length < size) normalised = new float[size];
            float[] xn = normalised;
            Parallel.forEach(n * c, k -> norm.apply(x0, xn, k * plane, (k + 1) * plane, k % c));
            x = xn;
        }
        if (keep) kernel.forwardBatch(g, n, x, weight.value().data(), filters, weight.version(), b, y, fusedRelu, chunks::get);
        else kernel.forwardBatch(g, n, x, weight.value().data(), b, y, fusedRelu, chunks::get);
        if (a != null) {
            Parallel.forRange(n * g.outSize(), (from, to) -> {
                for (int k = from; k < to; k++) y[k] += a[k];
            });
        }
    }

    /** Whether the kernel runs this layer's batches of one to {@link #CACHED_MAX_BATCH} in any layout. */
    boolean anyLayout() {
        return kernel.fusesSmallBatches(g);
    }

    /** The normalised input where the kernel does not apply the normalisation itself. */
    private float[] normalised = new float[0];

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
