package org.convkit.train;

import org.convkit.tensor.Shape;
import org.convkit.tensor.Tensor;

/**
 * A growable buffer of {@code N x shape} with cached views for the two most recent batch sizes,
 * so alternating full and last-partial batches allocate nothing once both were seen.
 */
final class BatchBuffer {
    private final Shape shape;
    private float[] data = new float[0];
    private Tensor a, b;

    BatchBuffer(Shape shape) {
        this.shape = shape;
    }

    Tensor view(int n) {
        if (a != null && a.dim(0) == n) return a;
        if (b != null && b.dim(0) == n) {
            Tensor t = b;
            b = a;
            a = t;
            return a;
        }
        long need = (long) n * shape.size();
        if (need > data.length) {
            data = new float[Math.toIntExact(need)];
            a = null;
            b = null;
        }
        b = a;
        a = Tensor.wrap(data, shape.withBatch(n));
        return a;
    }

    Tensor current() {
        if (a == null) throw new IllegalStateException("no batch yet");
        return a;
    }
}
