package org.convkit.nn;

/**
 * A float buffer shared by layers that need scratch space one at a time (the per-chunk weight
 * gradients of convolutions, which run one layer after another), grown to the largest request.
 */
final class GrowableBuffer {
    private float[] data = new float[0];

    /** At least {@code size} floats; contents unspecified. */
    float[] get(int size) {
        if (data.length < size) data = new float[size];
        return data;
    }
}
