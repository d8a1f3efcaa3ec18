package org.convkit.nn;

import org.convkit.tensor.Shape;

import java.util.List;

/**
 * Max pooling over {@code poolH x poolW} windows moved by the stride (windows may overlap when the
 * stride is smaller than the window). Padded positions never win (they act as minus infinity).
 * The gradient flows only to the position that held each window's maximum (the first one on ties).
 */
public record MaxPool2d(int poolH, int poolW, int strideH, int strideW, Padding padding) implements LayerSpec {

    public MaxPool2d {
        if (poolH <= 0 || poolW <= 0 || strideH <= 0 || strideW <= 0) {
            throw new IllegalArgumentException("MaxPool2d window and stride must be positive");
        }
        if (padding == null) padding = Padding.valid();
    }

    /** Square window {@code k}, stride {@code k}. */
    public static MaxPool2d of(int k) {
        return new MaxPool2d(k, k, k, k, Padding.valid());
    }

    /** Window {@code ph x pw}, stride {@code sh x sw}, no padding. */
    public static MaxPool2d of(int ph, int pw, int sh, int sw) {
        return new MaxPool2d(ph, pw, sh, sw, Padding.valid());
    }

    public MaxPool2d withPadding(Padding p) {
        return new MaxPool2d(poolH, poolW, strideH, strideW, p);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs, 3, "MaxPool2d", "C x H x W (rank 3)");
        return PoolGeometry.of(in, poolH, poolW, strideH, strideW, padding).outputShape();
    }

    @Override
    public String describe() {
        return "MaxPool2d " + poolH + "x" + poolW + "/" + strideH;
    }
}
