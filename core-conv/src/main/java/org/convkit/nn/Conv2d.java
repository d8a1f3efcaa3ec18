package org.convkit.nn;

import org.convkit.ops.ConvGeometry;
import org.convkit.tensor.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * 2-D convolution (strictly, cross-correlation, as in every CNN library) of a
 * {@code C x H x W} input with {@code filters} learned filters of {@code C x kernelH x kernelW},
 * giving {@code filters x outH x outW}. A filter as wide as the input ({@code kernelW == W}) slides
 * over the height (time) axis only: the width-spanning filters of Kim (2014).
 *
 * <p>Build with {@link #of(int, int, int)} and the {@code with*} methods:
 * {@code Conv2d.of(64, 20, 8).withStride(1).withPadding(Padding.same())}.
 */
public record Conv2d(int filters, int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                     int dilationH, int dilationW, boolean bias, Init init) implements LayerSpec {

    public Conv2d {
        if (filters <= 0 || kernelH <= 0 || kernelW <= 0) {
            throw new IllegalArgumentException("Conv2d needs positive filters and kernel size, got " + filters + " filters "
                    + kernelH + "x" + kernelW);
        }
        if (strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0) {
            throw new IllegalArgumentException("Conv2d stride and dilation must be positive");
        }
        if (padding == null) padding = Padding.valid();
        if (init == null) init = Init.PYTORCH_DEFAULT;
    }

    /** {@code filters} filters of {@code kernelH x kernelW}, stride 1, no padding, dilation 1, bias, PyTorch init. */
    public static Conv2d of(int filters, int kernelH, int kernelW) {
        return new Conv2d(filters, kernelH, kernelW, 1, 1, Padding.valid(), 1, 1, true, Init.PYTORCH_DEFAULT);
    }

    /** Square kernel. */
    public static Conv2d of(int filters, int kernel) {
        return of(filters, kernel, kernel);
    }

    public Conv2d withStride(int s) {
        return withStride(s, s);
    }

    public Conv2d withStride(int sh, int sw) {
        return new Conv2d(filters, kernelH, kernelW, sh, sw, padding, dilationH, dilationW, bias, init);
    }

    public Conv2d withPadding(Padding p) {
        return new Conv2d(filters, kernelH, kernelW, strideH, strideW, p, dilationH, dilationW, bias, init);
    }

    public Conv2d withDilation(int d) {
        return withDilation(d, d);
    }

    public Conv2d withDilation(int dh, int dw) {
        return new Conv2d(filters, kernelH, kernelW, strideH, strideW, padding, dh, dw, bias, init);
    }

    public Conv2d withBias(boolean b) {
        return new Conv2d(filters, kernelH, kernelW, strideH, strideW, padding, dilationH, dilationW, b, init);
    }

    public Conv2d withInit(Init i) {
        return new Conv2d(filters, kernelH, kernelW, strideH, strideW, padding, dilationH, dilationW, bias, i);
    }

    /** The geometry for an input of shape {@code C x H x W}. */
    public ConvGeometry geometry(Shape in) {
        int[] p = padding.resolve(in.dim(1), in.dim(2), kernelH, kernelW, strideH, strideW, dilationH, dilationW);
        return new ConvGeometry(in.dim(0), in.dim(1), in.dim(2), filters, kernelH, kernelW, strideH, strideW,
                p[0], p[1], p[2], p[3], dilationH, dilationW, 1);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs, 3, "Conv2d", "C x H x W (rank 3)");
        ConvGeometry g = geometry(in);
        return Shape.of(filters, g.outH(), g.outW());
    }

    @Override
    public List<ParamSpec> parameters(List<Shape> inputs) {
        int c = inputs.get(0).dim(0);
        List<ParamSpec> ps = new ArrayList<>();
        int fanIn = c * kernelH * kernelW, fanOut = filters * kernelH * kernelW;
        ps.add(new ParamSpec("weight", Shape.of(filters, c, kernelH, kernelW), init, fanIn, fanOut, true));
        // PyTorch draws conv/dense biases from U(-1/sqrt(fanIn), 1/sqrt(fanIn)); other inits start biases at 0.
        if (bias) ps.add(new ParamSpec("bias", Shape.of(filters),
                init == Init.PYTORCH_DEFAULT ? Init.PYTORCH_DEFAULT : Init.ZEROS, fanIn, fanOut, true));
        return ps;
    }

    @Override
    public long macs(List<Shape> inputs) {
        return geometry(inputs.get(0)).macs();
    }

    @Override
    public String describe() {
        return "Conv2d " + filters + " " + kernelH + "x" + kernelW + "/" + strideH + (strideH != strideW ? "x" + strideW : "")
                + (dilationH > 1 || dilationW > 1 ? " d" + dilationH : "") + (bias ? "" : " nobias");
    }
}
