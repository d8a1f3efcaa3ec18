package org.convkit.ops;

/**
 * Scratch buffers owned by one thread, grown on demand and then reused, so kernels allocate
 * nothing once the shapes of a training step have been seen.
 */
public final class Workspace {
    private float[][] slots = new float[4][];
    /** Buffers kept per layout, least recently used first. */
    private final java.util.LinkedHashMap<Object, float[]> kept = new java.util.LinkedHashMap<>(16, 0.75f, true);
    /** The most buffers {@link #kept} holds; the least recently used goes first. */
    static final int KEPT_MAX = 16;

    /**
     * A buffer of at least {@code size} floats kept for {@code layout} alone (compared by identity
     * of equal keys): zeros when new, and afterwards as the last user of that layout left it. A
     * kernel that only ever writes some positions of a layout's buffer (a zero-padded copy's
     * interior) can skip clearing the others. Holds at most {@link #KEPT_MAX} layouts.
     */
    float[] kept(Object layout, int size) {
        float[] b = kept.get(layout);
        if (b == null || b.length < size) {
            b = new float[size];
            kept.put(layout, b);
            if (kept.size() > KEPT_MAX) kept.remove(kept.keySet().iterator().next());
        }
        return b;
    }

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
