package org.convkit.tensor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The shape of one example, without the batch dimension: {@code C x H x W} for feature maps,
 * {@code F} for feature vectors. Immutable. Written to JSON as an array of ints.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] <= 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + ": dimension " + i
                        + " must be positive, got " + dims[i]);
            }
        }
        this.dims = dims;
    }

    /** A shape with the given dimensions (each positive). */
    @JsonCreator
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** The dimensions, as a fresh array. */
    @JsonValue
    public int[] dims() {
        return dims.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}. */
    public int dim(int i) {
        return dims[i];
    }

    /** Number of elements (product of dimensions). */
    public int size() {
        long n = 1;
        for (int d : dims) n *= d;
        if (n > Integer.MAX_VALUE) throw new IllegalStateException("shape " + this + " has more than 2^31-1 elements");
        return (int) n;
    }

    /** The shape with a batch dimension {@code n} in front, as an int array. */
    public int[] withBatch(int n) {
        int[] r = new int[dims.length + 1];
        r[0] = n;
        System.arraycopy(dims, 0, r, 1, dims.length);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Dimensions joined by 'x', e.g. {@code 64x82x33}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner("x");
        for (int d : dims) j.add(Integer.toString(d));
        return j.toString();
    }
}
