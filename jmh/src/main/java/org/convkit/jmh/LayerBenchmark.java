package org.convkit.jmh;

import org.convkit.nn.Dense;
import org.convkit.nn.Embedding;
import org.convkit.nn.MaxPool2d;
import org.convkit.nn.Model;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.ModelSpec;
import org.convkit.ops.Parallel;
import org.convkit.tensor.Tensor;
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
 * The non-convolution kernels of the reference workloads, through the public model API on one
 * thread: W1's 2x2 max-pool (batch 64 of 64x82x33), W1's dense layer (26,624 -> 12, batch 64;
 * {@code dense-b1}: one example in inference, as batch-1 latency runs it, on the kept transpose
 * of {@code ops.KeptDense}) and W3's embedding gather and gradient scatter (batch 50 of 56 tokens, 18,765 x 300). The
 * {@code macs} secondary result counts multiply-adds for the dense layer and elements moved for
 * pooling and embedding.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LayerBenchmark {
    /** Which layer. */
    @Param({"maxpool", "dense", "dense-b1", "embedding"})
    public String layer;

    private Model model;
    private Tensor x, grad;
    private long forwardCount, backwardCount;
    /** Whether {@link #forward} runs in inference mode (the batch-1 case) rather than training mode. */
    private boolean inference;

    @Setup
    public void setup() {
        Parallel.setThreads(1);
        ModelBuilder b = new ModelBuilder(layer);
        SplittableRandom r = new SplittableRandom(3);
        ModelSpec spec;
        int n;
        switch (layer) {
            case "maxpool" -> {
                spec = b.build(b.input("x", 64, 82, 33).then("pool", MaxPool2d.of(2)));
                n = 64;
                forwardCount = (long) n * 64 * 82 * 33;
                backwardCount = (long) n * 64 * 41 * 16;
            }
            case "dense", "dense-b1" -> {
                spec = b.build(b.input("x", 26_624).then("fc", Dense.of(12)));
                n = layer.equals("dense") ? 64 : 1;
                forwardCount = (long) n * 26_624 * 12;
                backwardCount = 2 * forwardCount;
            }
            case "embedding" -> {
                spec = b.build(b.input("ids", 56).then("emb", Embedding.of(18_765, 300)));
                n = 50;
                forwardCount = (long) n * 56 * 300;
                backwardCount = forwardCount;
            }
            default -> throw new IllegalArgumentException(layer);
        }
        inference = layer.endsWith("-b1");
        model = Model.create(spec, 1);
        x = Tensor.zeros(spec.inputs().get(0).shape().withBatch(n));
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = layer.equals("embedding") ? r.nextInt(18_765) : (float) r.nextGaussian();
        }
        Tensor out = model.forward(true, x);
        grad = Tensor.zeros(out.shape());
        for (int i = 0; i < grad.size(); i++) grad.data()[i] = (float) r.nextGaussian();
    }

    @Benchmark
    public Tensor forward(MacCounter counter) {
        counter.macs += forwardCount;
        return model.forward(!inference, x);
    }

    @Benchmark
    public Model backward(MacCounter counter) {
        model.backward(grad);
        counter.macs += backwardCount;
        return model;
    }
}
