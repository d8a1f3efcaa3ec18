package org.convkit.ops;

/**
 * The geometry of one 2-D convolution over one example: input {@code inChannels x inH x inW},
 * filters {@code outChannels x (inChannels/groups) x kernelH x kernelW}, stride, zero padding per
 * side, dilation and groups. Output size follows the usual rule
 * {@code out = floor((in + padBefore + padAfter - dilation*(k-1) - 1) / stride) + 1}.
 */
public record ConvGeometry(int inChannels, int inH, int inW, int outChannels, int kernelH, int kernelW,
                           int strideH, int strideW, int padTop, int padBottom, int padLeft, int padRight,
                           int dilationH, int dilationW, int groups) {

    public ConvGeometry {
        if (inChannels <= 0 || inH <= 0 || inW <= 0 || outChannels <= 0 || kernelH <= 0 || kernelW <= 0) {
            throw new IllegalArgumentException("convolution sizes must be positive: input " + inChannels + "x" + inH + "x"
                    + inW + ", " + outChannels + " filters of " + kernelH + "x" + kernelW);
        }
        if (strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0 || groups <= 0) {
            throw new IllegalArgumentException("stride, dilation and groups must be positive: stride " + strideH + "x"
                    + strideW + ", dilation " + dilationH + "x" + dilationW + ", groups " + groups);
        }
        if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
            throw new IllegalArgumentException("padding must be >= 0: " + padTop + "," + padBottom + "," + padLeft + ","
                    + padRight);
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("groups " + groups + " must divide input channels " + inChannels
                    + " and output channels " + outChannels);
        }
        if (inH + padTop + padBottom < dilationH * (kernelH - 1) + 1
                || inW + padLeft + padRight < dilationW * (kernelW - 1) + 1) {
            throw new IllegalArgumentException("kernel " + kernelH + "x" + kernelW + " (dilation " + dilationH + "x"
                    + dilationW + ") does not fit the padded input " + (inH + padTop + padBottom) + "x"
                    + (inW + padLeft + padRight));
        }
    }

    /** Output height. */
    public int outH() {
        return (inH + padTop + padBottom - dilationH * (kernelH - 1) - 1) / strideH + 1;
    }

    /** Output width. */
    public int outW() {
        return (inW + padLeft + padRight - dilationW * (kernelW - 1) - 1) / strideW + 1;
    }

    /** Elements of one example's input. */
    public int inSize() {
        return inChannels * inH * inW;
    }

    /** Elements of one example's output. */
    public int outSize() {
        return outChannels * outH() * outW();
    }

    /** Input channels seen by each filter. */
    public int inPerGroup() {
        return inChannels / groups;
    }

    /** Weights of one filter: {@code inPerGroup * kernelH * kernelW}. */
    public int filterSize() {
        return inPerGroup() * kernelH * kernelW;
    }

    /** Number of weights: {@code outChannels * filterSize()}. */
    public int weightSize() {
        return outChannels * filterSize();
    }

    /** Multiply-adds of one example's forward pass. */
    public long macs() {
        return (long) outSize() * filterSize();
    }
}
