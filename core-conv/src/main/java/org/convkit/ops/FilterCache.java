package org.convkit.ops;

/**
 * One layer's transformed filters, kept from one inference call to the next while the weights
 * stay the same. Winograd's kernels transform the filters on every call; in a batch the
 * transform is shared by every example, but a single example pays it alone (the AlphaGo policy
 * network's eleven 192x192 banks: 2.4 MB of transformed filters written per layer and read back,
 * a quarter of a batch-1 pass). The caller owns the cache and names the weights' state by a
 * version number that changes whenever the weights do (see {@code Parameter.markChanged}); a
 * cache is valid for one transform kind and one version, and is refilled otherwise.
 */
public final class FilterCache {
    /** Which transform the kept values are (a kernel's own tag), or -1 when nothing is kept. */
    private int kind = -1;
    private long version;
    private float[] values = new float[0];

    /** The kept values of transform {@code kind} made from weights at {@code version}, or null. */
    float[] find(int kind, long version) {
        return this.kind == kind && this.version == version ? values : null;
    }

    /**
     * A buffer of at least {@code size} floats to transform into; whatever was kept is forgotten
     * until {@link #keep} is called, so a transform that fails part way leaves nothing behind.
     */
    float[] fill(int size) {
        kind = -1;
        if (values.length < size) values = new float[size];
        return values;
    }

    /** Marks the buffer {@link #fill} gave as transform {@code kind} of the weights at {@code version}. */
    void keep(int kind, long version) {
        this.kind = kind;
        this.version = version;
    }

    /** Bytes held (for memory accounting). */
    public long bytes() {
        return 4L * values.length;
    }
}
