package org.convkit.train;

import org.convkit.tensor.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * A data set held in memory: one flat array of inputs (example after example, each
 * {@code inputShape.size()} floats) and one label per example. Inputs are checked to be finite
 * and labels to be in range when the data set is made.
 */
public final class ArrayDataset implements Dataset {
    private final Shape inputShape;
    private final float[] inputs;
    private final int[] labels;
    private final List<String> classNames;
    private final int exampleSize;

    /**
     * A data set over {@code inputs} (not copied: do not modify it afterwards).
     *
     * @param inputShape per-example shape
     * @param inputs     {@code labels.length * inputShape.size()} finite floats
     * @param labels     class of each example, in {@code [0, classNames.size())}
     * @param classNames the class names, indexed by label
     * @throws IllegalArgumentException naming the example and element when an input is NaN or
     *                                  infinite, naming the example when its label is out of range,
     *                                  or when the array lengths do not match
     */
    public ArrayDataset(Shape inputShape, float[] inputs, int[] labels, List<String> classNames) {
        if (inputShape == null) throw new IllegalArgumentException("inputShape must not be null");
        if (classNames == null || classNames.isEmpty()) throw new IllegalArgumentException("a data set needs at least one class name");
        this.inputShape = inputShape;
        this.exampleSize = inputShape.size();
        if ((long) labels.length * exampleSize != inputs.length) {
            throw new IllegalArgumentException(labels.length + " labels of examples of shape " + inputShape + " need "
                    + (long) labels.length * exampleSize + " input values, got " + inputs.length);
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!Float.isFinite(inputs[i])) {
                throw new IllegalArgumentException("example " + i / exampleSize + ": input element " + i % exampleSize
                        + " is " + inputs[i] + ", expected a finite number");
            }
        }
        int k = classNames.size();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("example " + i + ": label " + labels[i] + " is outside [0, " + k
                        + ") for classes " + classNames);
            }
        }
        this.inputs = inputs;
        this.labels = labels.clone();
        this.classNames = List.copyOf(classNames);
    }

    /** A data set over {@code inputs} with {@code numClasses} classes named {@code "0"}..{@code "K-1"}. */
    public ArrayDataset(Shape inputShape, float[] inputs, int[] labels, int numClasses) {
        this(inputShape, inputs, labels, numberedClasses(numClasses));
    }

    /**
     * A data set from one array per example (copied into one flat array).
     *
     * @throws IllegalArgumentException naming the example whose length differs from {@code inputShape.size()},
     *                                  and as {@link #ArrayDataset(Shape, float[], int[], List)}
     */
    public static ArrayDataset of(Shape inputShape, float[][] examples, int[] labels, List<String> classNames) {
        if (examples.length != labels.length) {
            throw new IllegalArgumentException(examples.length + " examples but " + labels.length + " labels");
        }
        int n = inputShape.size();
        float[] flat = new float[Math.multiplyExact(examples.length, n)];
        for (int i = 0; i < examples.length; i++) {
            if (examples[i] == null || examples[i].length != n) {
                throw new IllegalArgumentException("example " + i + " has " + (examples[i] == null ? "no" : examples[i].length)
                        + " values, expected " + n + " for shape " + inputShape);
            }
            System.arraycopy(examples[i], 0, flat, i * n, n);
        }
        return new ArrayDataset(inputShape, flat, labels, classNames);
    }

    /** As {@link #of(Shape, float[][], int[], List)} with classes named {@code "0"}..{@code "K-1"}. */
    public static ArrayDataset of(Shape inputShape, float[][] examples, int[] labels, int numClasses) {
        return of(inputShape, examples, labels, numberedClasses(numClasses));
    }

    private static List<String> numberedClasses(int k) {
        if (k <= 0) throw new IllegalArgumentException("numClasses must be > 0, got " + k);
        List<String> names = new ArrayList<>(k);
        for (int c = 0; c < k; c++) names.add(Integer.toString(c));
        return names;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public void copyInput(int index, float[] dst, int offset) {
        System.arraycopy(inputs, index * exampleSize, dst, offset, exampleSize);
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public int numClasses() {
        return classNames.size();
    }

    @Override
    public List<String> labels() {
        return classNames;
    }
}
