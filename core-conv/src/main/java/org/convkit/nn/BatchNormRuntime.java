package org.convkit.nn;

import org.convkit.ops.ChannelNorm;
import org.convkit.ops.Normalize;
import org.convkit.ops.Parallel;
import org.convkit.tensor.Tensor;

import java.util.List;

/**
 * Batch normalisation (Ioffe and Szegedy 2015, Algorithm 1 and its backward pass). Statistics are
 * accumulated in double. Keeps the normalised input and 1/sigma per channel for backward; without
 * learned scale and shift the output is the normalised input itself, so none is kept beside it.
 * Channels are independent and run in parallel.
 */
final class BatchNormRuntime extends LayerRuntime {
    private final int channels;
    private final int plane;
    private final double eps;
    private final double momentum;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private float[] xhat = new float[0];
    private final double[] invStd;
    private boolean lastTraining;

    BatchNormRuntime(int channels, int plane, double eps, double momentum, Parameter gamma, Parameter beta,
                     Parameter runningMean, Parameter runningVar) {
        this.channels = channels;
        this.plane = plane;
        this.eps = eps;
        this.momentum = momentum;
        this.gamma = gamma;
        this.beta = beta;
        this.runningMean = runningMean;
        this.runningVar = runningVar;
        this.invStd = new double[channels];
    }

    /**
     * The inference formula with the current running statistics, for a convolution that applies it
     * to its input (see {@link Model}'s lean passes): the same terms {@link #forward} uses in
     * inference mode, so the same bits.
     */
    ChannelNorm inferenceNorm() {
        ChannelNorm n = norm;
        if (n == null) n = norm = new ChannelNorm(channels);
        float[] rm = runningMean.value().data(), rv = runningVar.value().data();
        for (int c = 0; c < channels; c++) {
            double is = 1.0 / Math.sqrt((double) rv[c] + eps);
            n.set(c, rm[c], is, gamma == null ? 1 : gamma.value().data()[c], beta == null ? 0 : beta.value().data()[c]);
        }
        return n;
    }

    private ChannelNorm norm;

    @Override
    List<Parameter> parameters() {
        return gamma == null ? List.of(runningMean, runningVar) : List.of(gamma, beta, runningMean, runningVar);
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        int n = in[0].dim(0);
        float[] x = in[0].data(), y = out.data();
        float[] rm = runningMean.value().data(), rv = runningVar.value().data();
        lastTraining = training;
        boolean keep = training && gamma != null;
        if (keep && xhat.length < out.size()) xhat = new float[out.size()];
        float[] xh = xhat;
        int m = n * plane;
        Parallel.forEach(channels, c -> {
            double mean, var;
            if (training) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    int o = (i * channels + c) * plane;
                    for (int p = 0; p < plane; p++) s += x[o + p];
                }
                mean = s / m;
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    int o = (i * channels + c) * plane;
                    for (int p = 0; p < plane; p++) {
                        double d = x[o + p] - mean;
                        ss += d * d;
                    }
                }
                var = ss / m;
                rm[c] = (float) ((1 - momentum) * rm[c] + momentum * mean);
                rv[c] = (float) ((1 - momentum) * rv[c] + momentum * (m > 1 ? ss / (m - 1) : var));
            } else {
                mean = rm[c];
                var = rv[c];
            }
            double is = 1.0 / Math.sqrt(var + eps);
            invStd[c] = is;
            double gm = gamma == null ? 1 : gamma.value().data()[c];
            double bt = beta == null ? 0 : beta.value().data()[c];
            for (int i = 0; i < n; i++) {
                int o = (i * channels + c) * plane;
                if (!keep) {
                    Normalize.apply(x, y, o, o + plane, mean, is, gm, bt);
                    continue;
                }
                for (int p = 0; p < plane; p++) {
                    float h = (float) ((x[o + p] - mean) * is);
                    xh[o + p] = h;
                    y[o + p] = (float) (gm * h + bt);
                }
            }
        });
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        if (!lastTraining) {
            throw new IllegalStateException("BatchNorm2d backward after an inference-mode forward; run forward in training mode");
        }
        int n = in[0].dim(0), m = n * plane;
        float[] dy = dOut.data();
        float[] dx = dIn[0] == null ? null : dIn[0].data();
        // y = 1 * xhat + 0 exactly when there is no scale and shift
        float[] xhat = gamma == null ? out.data() : this.xhat;
        Parallel.forEach(channels, c -> {
            double sdy = 0, sdyx = 0;
            for (int i = 0; i < n; i++) {
                int o = (i * channels + c) * plane;
                for (int p = 0; p < plane; p++) {
                    sdy += dy[o + p];
                    sdyx += (double) dy[o + p] * xhat[o + p];
                }
            }
            double gm = 1;
            if (gamma != null) {
                gamma.grad().data()[c] += (float) sdyx;
                beta.grad().data()[c] += (float) sdy;
                gm = gamma.value().data()[c];
            }
            if (dx == null) return;
            // dx = gamma/sigma * (dy - mean(dy) - xhat * mean(dy * xhat))
            double k = gm * invStd[c], mdy = sdy / m, mdyx = sdyx / m;
            for (int i = 0; i < n; i++) {
                int o = (i * channels + c) * plane;
                for (int p = 0; p < plane; p++) dx[o + p] = (float) (k * (dy[o + p] - mdy - xhat[o + p] * mdyx));
            }
        });
    }

    @Override
    boolean backwardReadsInputs() {
        return false;
    }

    @Override
    boolean backwardReadsOutput() {
        return gamma == null;
    }
}
