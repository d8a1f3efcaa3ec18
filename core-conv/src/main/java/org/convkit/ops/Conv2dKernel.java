package org.convkit.ops;

/**
 * The one small interface behind which convolution kernels live. Each call handles one example;
 * offsets locate the example inside batch buffers that the caller owns. Implementations must
 * not allocate in these calls except to grow the given {@link Workspace} the first time.
 *
 * <p>Weights are laid out {@code [outChannels][inChannels/groups][kernelH][kernelW]}.
 */
public interface Conv2dKernel {

    /** {@code y = conv(x, w) + b}; {@code b} may be null (no bias). Overwrites {@code y}. */
    void forward(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws);

    /**
     * {@code y = max(conv(x, w) + b, 0)}: the forward pass with ReLU applied as the result is
     * written (NaN stays NaN, as {@link Math#max} does). The default runs {@link #forward} and then
     * a pass over {@code y}.
     */
    default void forwardRelu(ConvGeometry g, float[] x, int xOff, float[] w, float[] b, float[] y, int yOff, Workspace ws) {
        forward(g, x, xOff, w, b, y, yOff, ws);
        for (int i = yOff, end = yOff + g.outSize(); i < end; i++) y[i] = Math.max(y[i], 0f);
    }

    /**
     * dL/dX: the full convolution of dL/dO (zero-padded, dilated by the stride) with the filters
     * turned 180 degrees. Overwrites {@code dx}.
     */
    void backwardData(ConvGeometry g, float[] dy, int dyOff, float[] w, float[] dx, int dxOff, Workspace ws);

    /**
     * dL/dF: the input correlated with dL/dO; adds into {@code dw} (and into {@code db} the
     * per-channel sums of dL/dO when {@code db} is not null).
     */
    void backwardWeights(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                         float[] db, int dbOff, Workspace ws);
}
