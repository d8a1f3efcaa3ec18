package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/**
 * Average pooling over {@code poolH x poolW} windows moved by the stride. Padded positions are left
 * out of the average (each window divides by the number of real input positions it covers).
 */
public record AvgPool2d(int poolH, int poolW, int strideH, int strideW, Padding padding) implements LayerSpec {

    public AvgPool2d {
        if (poolH <= 0 || poolW <= 0 || strideH <= 0 || strideW <= 0) {
            throw new IllegalArgumentException("AvgPool2d window and stride must be positive");
        }
        if (padding == null) padding = Padding.valid();
    }

    /** Square window {@code k}, stride {@code k}. */
    public static AvgPool2d of(int k) {
        return new AvgPool2d(k, k, k, k, Padding.valid());
    }

    /** Window {@code ph x pw}, stride {@code sh x sw}, no padding. */
    public static AvgPool2d of(int ph, int pw, int sh, int sw) {
        return new AvgPool2d(ph, pw, sh, sw, Padding.valid());
    }

    public AvgPool2d withPadding(Padding p) {
        return new AvgPool2d(poolH, poolW, strideH, strideW, p);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs, 3, "AvgPool2d", "C x H x W (rank 3)");
        return PoolGeometry.of(in, poolH, poolW, strideH, strideW, padding).outputShape();
    }

    @Override
    public String describe() {
        return "AvgPool2d " + poolH + "x" + poolW + "/" + strideH;
    }
}
