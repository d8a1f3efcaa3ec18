package org.convkit.nn;

import org.convkit.ops.ConvGeometry;
import org.convkit.tensor.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Depthwise 2-D convolution (groups = channels): each input channel has its own
 * {@code multiplier} filters of {@code kernelH x kernelW}, giving {@code C*multiplier} channels.
 * With a 1x1 {@link Conv2d} after it, the depthwise-separable block of DS-CNN keyword spotters
 * (Zhang et al. 2017).
 */
public record DepthwiseConv2d(int multiplier, int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                              int dilationH, int dilationW, boolean bias, Init init) implements LayerSpec {

    public DepthwiseConv2d {
        if (multiplier <= 0 || kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0 || dilationH <= 0
                || dilationW <= 0) {
            throw new IllegalArgumentException("DepthwiseConv2d sizes must be positive");
        }
        if (padding == null) padding = Padding.valid();
        if (init == null) init = Init.PYTORCH_DEFAULT;
    }

    /** One filter per channel of {@code kernelH x kernelW}, stride 1, no padding, bias. */
    public static DepthwiseConv2d of(int kernelH, int kernelW) {
        return new DepthwiseConv2d(1, kernelH, kernelW, 1, 1, Padding.valid(), 1, 1, true, Init.PYTORCH_DEFAULT);
    }

    public DepthwiseConv2d withStride(int sh, int sw) {
        return new DepthwiseConv2d(multiplier, kernelH, kernelW, sh, sw, padding, dilationH, dilationW, bias, init);
    }

    public DepthwiseConv2d withPadding(Padding p) {
        return new DepthwiseConv2d(multiplier, kernelH, kernelW, strideH, strideW, p, dilationH, dilationW, bias, init);
    }

    public DepthwiseConv2d withBias(boolean b) {
        return new DepthwiseConv2d(multiplier, kernelH, kernelW, strideH, strideW, padding, dilationH, dilationW, b, init);
    }

    public DepthwiseConv2d withMultiplier(int m) {
        return new DepthwiseConv2d(m, kernelH, kernelW, strideH, strideW, padding, dilationH, dilationW, bias, init);
    }

    public DepthwiseConv2d withDilation(int dh, int dw) {
        return new DepthwiseConv2d(multiplier, kernelH, kernelW, strideH, strideW, padding, dh, dw, bias, init);
    }

    /** The geometry for an input of shape {@code C x H x W}. */
    public ConvGeometry geometry(Shape in) {
        int[] p = padding.resolve(in.dim(1), in.dim(2), kernelH, kernelW, strideH, strideW, dilationH, dilationW);
        return new ConvGeometry(in.dim(0), in.dim(1), in.dim(2), in.dim(0) * multiplier, kernelH, kernelW,
                strideH, strideW, p[0], p[1], p[2], p[3], dilationH, dilationW, in.dim(0));
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = LayerSpec.single(inputs, 3, "DepthwiseConv2d", "C x H x W (rank 3)");
        ConvGeometry g = geometry(in);
        return Shape.of(g.outChannels(), g.outH(), g.outW());
    }

    @Override
    public List<ParamSpec> parameters(List<Shape> inputs) {
        int c = inputs.get(0).dim(0);
        int fanIn = kernelH * kernelW, fanOut = multiplier * kernelH * kernelW;
        List<ParamSpec> ps = new ArrayList<>();
        ps.add(new ParamSpec("weight", Shape.of(c * multiplier, 1, kernelH, kernelW), init, fanIn, fanOut, true));
        if (bias) ps.add(new ParamSpec("bias", Shape.of(c * multiplier),
                init == Init.PYTORCH_DEFAULT ? Init.PYTORCH_DEFAULT : Init.ZEROS, fanIn, fanOut, true));
        return ps;
    }

    @Override
    public long macs(List<Shape> inputs) {
        return geometry(inputs.get(0)).macs();
    }

    @Override
    public String describe() {
        return "DepthwiseConv2d " + kernelH + "x" + kernelW + "/" + strideH + (multiplier > 1 ? " x" + multiplier : "");
    }
}
