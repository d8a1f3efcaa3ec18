package org.convkit.nn;

import org.convkit.ops.Conv2dKernel;
import org.convkit.ops.ConvGeometry;
import org.convkit.ops.Parallel;
import org.convkit.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Runs {@link Conv2d} and {@link DepthwiseConv2d} through a {@link Conv2dKernel}, examples spread over
 * the cores. Weight gradients are summed per fixed chunk of the batch and then over chunks in order,
 * so the bits do not depend on the thread count.
 */
final class ConvRuntime extends LayerRuntime {
    private final ConvGeometry g;
    private final Conv2dKernel kernel;
    private final Parameter weight;
    private final Parameter bias;
    private float[] chunkDw = new float[0];
    private float[] chunkDb = new float[0];

    ConvRuntime(ConvGeometry g, Conv2dKernel kernel, Parameter weight, Parameter bias) {
        this.g = g;
        this.kernel = kernel;
        this.weight = weight;
        this.bias = bias;
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
        Parallel.forEach(n, i -> kernel.forward(g, x, i * is, w, b, y, i * os, Parallel.workspace()));
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        int n = in[0].dim(0), is = g.inSize(), os = g.outSize();
        float[] x = in[0].data(), dy = dOut.data(), w = weight.value().data();
        int chunks = Math.min(Parallel.CHUNKS, n), ws = g.weightSize(), bs = g.outChannels();
        if (chunkDw.length < chunks * ws) chunkDw = new float[chunks * ws];
        if (bias != null && chunkDb.length < chunks * bs) chunkDb = new float[chunks * bs];
        float[] cdw = chunkDw, cdb = chunkDb;
        Tensor dx = dIn[0];
        Parallel.forEach(chunks, c -> {
            int from = Parallel.chunkStart(n, chunks, c), to = Parallel.chunkStart(n, chunks, c + 1);
            var work = Parallel.workspace();
            Arrays.fill(cdw, c * ws, (c + 1) * ws, 0f);
            if (bias != null) Arrays.fill(cdb, c * bs, (c + 1) * bs, 0f);
            for (int i = from; i < to; i++) {
                if (dx != null) kernel.backwardData(g, dy, i * os, w, dx.data(), i * is, work);
                kernel.backwardWeights(g, x, i * is, dy, i * os, cdw, c * ws, bias == null ? null : cdb, c * bs, work);
            }
        });
        float[] dw = weight.grad().data();
        for (int c = 0; c < chunks; c++) for (int k = 0; k < ws; k++) dw[k] += cdw[c * ws + k];
        if (bias != null) {
            float[] db = bias.grad().data();
            for (int c = 0; c < chunks; c++) for (int k = 0; k < bs; k++) db[k] += cdb[c * bs + k];
        }
    }
}
