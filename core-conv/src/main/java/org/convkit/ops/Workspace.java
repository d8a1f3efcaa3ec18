package org.convkit.ops;

/**
 * Scratch buffers owned by one thread, grown on demand and then reused, so kernels allocate
 * nothing once the shapes of a training step have been seen.
 */
public final class Workspace {
    private float[][] slots = new float[4][];

    /** A buffer of at least {@code size} floats for slot {@code slot}; contents are unspecified. */
    public float[] get(int slot, int size) {
        if (slot >= slots.length) {
            float[][] s = new float[slot + 1][];
            System.arraycopy(slots, 0, s, 0, slots.length);
            slots = s;
        }
        float[] b = slots[slot];
        if (b == null || b.length < size) {
            b = new float[size];
            slots[slot] = b;
        }
        return b;
    }
}
