package org.convkit.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major (NCHW for images) order.
 *
 * <p>The backing array may be longer than the tensor (a batch-of-n view over a buffer sized for a
 * larger batch): elements {@code [0, size())} belong to the tensor. {@link #data()} exposes the
 * array itself so kernels can read and write without copies; callers own the buffers they pass.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;
    private final int size;

    private Tensor(float[] data, int[] shape) {
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n *= shape[i];
        }
        if (n > data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " elements but the buffer holds " + data.length);
        }
        this.data = data;
        this.shape = shape;
        this.size = (int) n;
    }

    /** A zero-filled tensor. */
    public static Tensor zeros(int... shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return new Tensor(new float[Math.toIntExact(n)], shape.clone());
    }

    /** A tensor over {@code data} (not copied); {@code data} must hold at least the shape's size. */
    public static Tensor wrap(float[] data, int... shape) {
        return new Tensor(data, shape.clone());
    }

    /** A tensor holding a copy of {@code values}, whose length must equal the shape's size. */
    public static Tensor of(float[] values, int... shape) {
        Tensor t = zeros(shape);
        if (values.length != t.size) {
            throw new IllegalArgumentException(values.length + " values given for shape " + Arrays.toString(shape)
                    + " which needs " + t.size);
        }
        System.arraycopy(values, 0, t.data, 0, values.length);
        return t;
    }

    /** A batch of {@code n} examples of shape {@code s}, zero-filled. */
    public static Tensor batch(int n, Shape s) {
        return zeros(s.withBatch(n));
    }

    /** The backing array (possibly longer than {@link #size()}). */
    public float[] data() {
        return data;
    }

    /** The shape, as a fresh array. */
    public int[] shape() {
        return shape.clone();
    }

    /** Dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** The per-example shape (all dimensions but the first). */
    public Shape exampleShape() {
        return Shape.of(Arrays.copyOfRange(shape, 1, shape.length));
    }

    /** A view with another shape of the same or smaller size over the same array. */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, newShape.clone());
    }

    /** Element at a multi-index. */
    public float get(int... idx) {
        return data[offset(idx)];
    }

    /** Sets the element at a multi-index. */
    public void set(float v, int... idx) {
        data[offset(idx)] = v;
    }

    private int offset(int[] idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + idx.length + " for a tensor of shape " + shapeString());
        }
        int o = 0;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " outside shape " + shapeString());
            }
            o = o * shape[i] + idx[i];
        }
        return o;
    }

    /** A copy with its own array of exactly {@link #size()} elements. */
    public Tensor copy() {
        return new Tensor(Arrays.copyOf(data, size), shape.clone());
    }

    /** The elements as a fresh array of length {@link #size()}. */
    public float[] toArray() {
        return Arrays.copyOf(data, size);
    }

    /** Sets every element to {@code v}. */
    public void fill(float v) {
        Arrays.fill(data, 0, size, v);
    }

    /** Copies {@code src}'s elements into this tensor; sizes must match. */
    public void copyFrom(Tensor src) {
        if (src.size != size) {
            throw new IllegalArgumentException("copy of " + src.shapeString() + " into " + shapeString());
        }
        System.arraycopy(src.data, 0, data, 0, size);
    }

    /**
     * Throws if any element is NaN or infinite, naming {@code what} and the first bad index.
     */
    public void requireFinite(String what) {
        for (int i = 0; i < size; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException(what + ": element " + i + " of tensor " + shapeString()
                        + " is " + data[i] + ", expected a finite number");
            }
        }
    }

    /** The shape as {@code NxCxHxW}. */
    public String shapeString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) b.append('x');
            b.append(shape[i]);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "Tensor[" + shapeString() + "]";
    }
}
