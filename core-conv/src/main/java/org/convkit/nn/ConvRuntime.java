package org.convkit.nn;

import org.convkit.ops.Conv2dKernel;
import org.convkit.ops.ConvGeometry;
import org.convkit.ops.Parallel;
import org.convkit.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Runs {@link Conv2d} and {@link DepthwiseConv2d} through a {@link Conv2dKernel}, examples spread over
 * the cores (a single example is instead split inside its matrix products). Weight gradients are
 * summed per fixed chunk of the batch and then over chunks in order, so the bits do not depend on
 * the thread count. With {@code fusedRelu} the forward pass writes {@code max(conv + b, 0)}.
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
        int n = in[0].dim(0), is = g.inSize(), os = g.outSize();
        float[] x = in[0].data(), y = out.data(), w = weight.value().data();
        float[] b = bias == null ? null : bias.value().data();
        if (fusedRelu) Parallel.forEach(n, i -> kernel.forwardRelu(g, x, i * is, w, b, y, i * os, Parallel.workspace()));
        else Parallel.forEach(n, i -> kernel.forward(g, x, i * is, w, b, y, i * os, Parallel.workspace()));
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        int n = in[0].dim(0), is = g.inSize(), os = g.outSize();
        float[] x = in[0].data(), dy = dOut.data(), w = weight.value().data();
        int chunks = Math.min(Parallel.CHUNKS, n), ws = g.weightSize(), bs = g.outChannels();
        // one shared buffer: dW of chunk c at c*ws, db of chunk c after all of them
        float[] cdw = this.chunks.get(chunks * (ws + bs)), cdb = cdw;
        int dbBase = chunks * ws;
        Tensor dx = dIn[0];
        Parallel.forEach(chunks, c -> {
            int from = Parallel.chunkStart(n, chunks, c), to = Parallel.chunkStart(n, chunks, c + 1);
            var work = Parallel.workspace();
            Arrays.fill(cdw, c * ws, (c + 1) * ws, 0f);
            if (bias != null) Arrays.fill(cdb, dbBase + c * bs, dbBase + (c + 1) * bs, 0f);
            for (int i = from; i < to; i++) {
                if (dx != null) kernel.backwardData(g, dy, i * os, w, dx.data(), i * is, work);
                kernel.backwardWeights(g, x, i * is, dy, i * os, cdw, c * ws, bias == null ? null : cdb, dbBase + c * bs, work);
            }
        });
        float[] dw = weight.grad().data();
        for (int c = 0; c < chunks; c++) for (int k = 0; k < ws; k++) dw[k] += cdw[c * ws + k];
        if (bias != null) {
            float[] db = bias.grad().data();
            for (int c = 0; c < chunks; c++) for (int k = 0; k < bs; k++) db[k] += cdb[dbBase + c * bs + k];
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
