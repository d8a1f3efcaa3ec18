package org.convkit.nn;

import org.convkit.tensor.Shape;

/** Window geometry shared by the pooling layers. */
record PoolGeometry(int c, int inH, int inW, int poolH, int poolW, int strideH, int strideW, int padTop, int padLeft,
                    int outH, int outW) {

    static PoolGeometry of(Shape in, int ph, int pw, int sh, int sw, Padding padding) {
        int[] p = padding.resolve(in.dim(1), in.dim(2), ph, pw, sh, sw, 1, 1);
        if (p[0] >= ph || p[1] >= ph || p[2] >= pw || p[3] >= pw) {
            throw new IllegalArgumentException("pooling padding " + p[0] + "," + p[1] + "," + p[2] + "," + p[3]
                    + " must be smaller than the window " + ph + "x" + pw);
        }
        int hh = in.dim(1) + p[0] + p[1], ww = in.dim(2) + p[2] + p[3];
        if (hh < ph || ww < pw) {
            throw new IllegalArgumentException("pooling window " + ph + "x" + pw + " is larger than the input " + in);
        }
        return new PoolGeometry(in.dim(0), in.dim(1), in.dim(2), ph, pw, sh, sw, p[0], p[2],
                (hh - ph) / sh + 1, (ww - pw) / sw + 1);
    }

    Shape outputShape() {
        return Shape.of(c, outH, outW);
    }
}
