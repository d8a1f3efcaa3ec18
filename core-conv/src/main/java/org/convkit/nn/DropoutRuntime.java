package org.convkit.nn;

import org.convkit.tensor.Tensor;

import java.util.SplittableRandom;

/** Inverted dropout with a mask drawn from a seeded stream; the identity in inference. */
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
        for (int k = 0; k < size; k++) {
            float m = rng.nextDouble() < rate ? 0f : scale;
            mask[k] = m;
            y[k] = x[k] * m;
        }
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
        for (int k = 0; k < size; k++) dx[k] = dy[k] * mask[k];
    }
}
