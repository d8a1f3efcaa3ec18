package org.convkit.nn;

import org.convkit.ops.Dropouts;
import org.convkit.ops.Parallel;
import org.convkit.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * Inverted dropout with a mask drawn from a seeded stream; the identity in inference. Each pass
 * takes one number from the stream and derives element {@code k}'s draw from it and {@code k}
 * alone ({@link Dropouts}), so the mask can be drawn on all cores and is the same whatever the
 * thread count.
 */
final class DropoutRuntime extends LayerRuntime {
    private final float rate;
    private final float scale;
    private final SplittableRandom rng;
    private float[] mask = new float[0];
    private boolean lastTraining;

    DropoutRuntime(double rate, long seed) {
        this.rate = (float) rate;
        this.scale = (float) (1.0 / (1.0 - rate));
        this.rng = new SplittableRandom(seed);
    }

    @Override
    void ensureCapacity(int n) {
        // sized lazily in forward, where the element count is known
    }

    @Override
    void forward(Tensor[] in, Tensor out, boolean training) {
        float[] x = in[0].data(), y = out.data();
        int size = out.size();
        lastTraining = training && rate > 0;
        if (!lastTraining) {
            System.arraycopy(x, 0, y, 0, size);
            return;
        }
        if (mask.length < size) mask = new float[size];
        float[] mk = mask;
        long base = rng.nextLong(), threshold = Dropouts.threshold(rate);
        float sc = scale;
        Parallel.forRange(size, (from, to) -> Dropouts.apply(base, threshold, sc, x, y, mk, from, to));
    }

    /** The identity: nothing to do where the model lets the output share the input's buffer. */
    @Override
    void inferenceOnly(Tensor[] in, Tensor out) {
        lastTraining = false;
        if (in[0].data() != out.data()) System.arraycopy(in[0].data(), 0, out.data(), 0, out.size());
    }

    @Override
    void backward(Tensor[] in, Tensor out, Tensor dOut, Tensor[] dIn) {
        if (dIn[0] == null) return;
        float[] dy = dOut.data(), dx = dIn[0].data();
        int size = dOut.size();
        if (!lastTraining) {
            System.arraycopy(dy, 0, dx, 0, size);
            return;
        }
        float[] mk = mask;
        Parallel.forRange(size, (from, to) -> {
            for (int k = from; k < to; k++) dx[k] = dy[k] * mk[k];
        });
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
