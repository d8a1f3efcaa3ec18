package org.convkit.jmh;

import org.convkit.ops.ChannelNorm;
import org.convkit.ops.Conv2dKernel;
import org.convkit.ops.ConvGeometry;
import org.convkit.ops.FilterCache;
import org.convkit.ops.Im2colConv2dKernel;
import org.convkit.ops.Parallel;
import org.convkit.ops.Workspace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;

/**
 * One example through each convolution layer of the reference workloads, single thread: forward,
 * backward-data and backward-weights. The {@code macs} secondary result is multiply-adds per
 * second (each of the three passes does the layer's forward multiply-add count, counted as direct
 * convolution: 3x3 stride-1 layers run Winograd's F(2x2,3x3) or F(4x4,3x3) with 2.25 or 4 times
 * fewer, {@code w2.conv-d8} and {@code w2.conv-d16} F(4x5,3x3) and F(4x3,3x3) in their phases, and {@code w1.conv2}'s forward and backward-data passes F(4,4) along the width with 1.9
 * times fewer, so their rates are effective ones; {@code w2.conv0}'s {@code forwardChannelsLast} runs
 * the few-taps kernel, its other passes im2col). Compare against im2col with
 * {@code -jvmArgsAppend "--add-modules=jdk.incubator.vector -Dconvkit.winograd=false -Dconvkit.winogradWidth=false"}
 * (the option replaces the fork arguments below, so it must name the module again).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConvKernelBenchmark {
    /** Layers of W1..W4 (see shared/bench/WORKLOADS.md), and ds-cnn-s's depthwise 3x3 (direct loops). */
    @Param({"w1.conv1", "w1.conv2", "w2.conv0", "w2.conv-d1", "w2.conv-d8", "w2.conv-d16", "w3.conv5", "w4.conv1", "w4.conv3", "ds.depthwise"})
    public String layer;

    private ConvGeometry g;
    private final Conv2dKernel kernel = new Im2colConv2dKernel();
    private final Workspace ws = new Workspace();
    private final FilterCache filters = new FilterCache();
    private float[] scratch = new float[0];
    private float[] x, w, b, y, dy, dx, dw, db, addend, xBatch, dyBatch;
    private ChannelNorm norm;

    static ConvGeometry geometry(String layer) {
        return switch (layer) {
            case "w1.conv1" -> new ConvGeometry(1, 101, 40, 64, 20, 8, 1, 1, 0, 0, 0, 0, 1, 1, 1);
            case "w1.conv2" -> new ConvGeometry(64, 41, 16, 64, 10, 4, 1, 1, 0, 0, 0, 0, 1, 1, 1);
            case "w2.conv0" -> new ConvGeometry(1, 101, 40, 45, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
            case "w2.conv-d1" -> new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
            case "w2.conv-d8" -> new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 8, 8, 8, 8, 8, 8, 1);
            case "w2.conv-d16" -> new ConvGeometry(45, 101, 40, 45, 3, 3, 1, 1, 16, 16, 16, 16, 16, 16, 1);
            case "w3.conv5" -> new ConvGeometry(1, 56, 300, 100, 5, 300, 1, 1, 0, 0, 0, 0, 1, 1, 1);
            case "w4.conv1" -> new ConvGeometry(48, 19, 19, 192, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1);
            case "w4.conv3" -> new ConvGeometry(192, 19, 19, 192, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
            case "ds.depthwise" -> new ConvGeometry(64, 51, 20, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 64);
            default -> throw new IllegalArgumentException(layer);
        };
    }

    @Setup
    public void setup() {
        Parallel.setThreads(1);
        g = geometry(layer);
        SplittableRandom r = new SplittableRandom(2);
        x = rand(r, g.inSize());
        w = rand(r, g.weightSize());
        b = rand(r, g.outChannels());
        y = new float[g.outSize()];
        dy = rand(r, g.outSize());
        dx = new float[g.inSize()];
        dw = new float[g.weightSize()];
        db = new float[g.outChannels()];
        addend = rand(r, g.outSize());
        xBatch = rand(r, BATCH * g.inSize());
        dyBatch = rand(r, BATCH * g.outSize());
        norm = new ChannelNorm(g.inChannels());
        for (int c = 0; c < g.inChannels(); c++) norm.set(c, r.nextGaussian() * 0.1, 1 + r.nextDouble(), 1, 0);
    }

    private static float[] rand(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    @Benchmark
    public float[] forward(MacCounter counter) {
        kernel.forward(g, x, 0, w, b, y, 0, ws);
        counter.macs += g.macs();
        return y;
    }

    @Benchmark
    public float[] forwardRelu(MacCounter counter) {
        kernel.forwardRelu(g, x, 0, w, b, y, 0, ws);
        counter.macs += g.macs();
        return y;
    }

    /**
     * The forward pass of one example as single-example inference runs it: the layer's filter
     * transform kept between calls ({@link FilterCache}, the weights unchanged), ReLU fused.
     */
    @Benchmark
    public float[] forwardKeptFilters(MacCounter counter) {
        kernel.forwardBatch(g, 1, x, w, filters, 0, b, y, true, this::scratch);
        counter.macs += g.macs();
        return y;
    }

    /**
     * One example as res15's single-example inference runs its middle layers: maps channels-last in
     * and out, a batch normalisation applied to the input as it is copied and a residual map
     * added to the output ({@link org.convkit.ops.Conv2dKernel#forwardBatchFused}); layers the
     * kernel does not run that way take {@link #forwardKeptFilters}'s path, as inference does.
     */
    @Benchmark
    public float[] forwardChannelsLast(MacCounter counter) {
        int layout = Conv2dKernel.INPUT_CHANNELS_LAST | Conv2dKernel.OUTPUT_CHANNELS_LAST | Conv2dKernel.ADDEND_CHANNELS_LAST;
        if (!kernel.forwardBatchFused(g, 1, x, w, filters, 0, b, y, true, norm, addend, layout, this::scratch)) {
            kernel.forwardBatch(g, 1, x, w, filters, 0, b, y, true, this::scratch);
        }
        counter.macs += g.macs();
        return y;
    }

    private float[] scratch(int size) {
        if (scratch.length < size) scratch = new float[size];
        return scratch;
    }

    @Benchmark
    public float[] backwardData(MacCounter counter) {
        kernel.backwardData(g, dy, 0, w, dx, 0, ws);
        counter.macs += g.macs();
        return dx;
    }

    /** Examples in {@link #backwardWeightsBatch}: W4's training batch. */
    static final int BATCH = 16;

    /**
     * The weight gradients of a batch of {@link #BATCH} as training computes them (the batch call,
     * no dL/dX): {@code w4.conv3} by F(4x4,3x3) in groups of examples, the other 3x3 layers by
     * F(2x2,3x3), the rest im2col.
     */
    @Benchmark
    public float[] backwardWeightsBatch(MacCounter counter) {
        kernel.backwardBatch(g, BATCH, xBatch, dyBatch, w, null, dw, db, this::scratch);
        counter.macs += BATCH * g.macs();
        return dw;
    }

    @Benchmark
    public float[] backwardWeights(MacCounter counter) {
        kernel.backwardWeights(g, x, 0, dy, 0, dw, 0, db, 0, ws);
        counter.macs += g.macs();
        return dw;
    }
}
