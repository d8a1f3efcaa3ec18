package org.convkit.jmh;

import org.convkit.ops.Sgemm;
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
 * Single-thread SGEMM at the shapes the reference workloads produce ({@code M x N x K}: output
 * channels x positions x patch size for a convolution's forward pass), on the Vector API path and
 * the portable loops. The {@code macs} secondary result is multiply-adds per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SgemmBenchmark {
    /** {@code MxNxK}: W4 3x3 layer, W4 backward-data, W2 layer, W1 conv2, W3 5-word filter, square. */
    @Param({"192x361x1728", "1728x361x192", "45x4040x405", "64x416x2560", "100x52x1500", "512x512x512"})
    public String shape;

    /** {@code vector} (the default path) or {@code scalar} (the portable loops). */
    @Param({"vector", "scalar"})
    public String path;

    private int m, n, k;
    private float[] a, b, c;

    @Setup
    public void setup() {
        String[] d = shape.split("x");
        m = Integer.parseInt(d[0]);
        n = Integer.parseInt(d[1]);
        k = Integer.parseInt(d[2]);
        SplittableRandom r = new SplittableRandom(1);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
    }

    @Benchmark
    public float[] nn(MacCounter counter) {
        if (path.equals("vector")) Sgemm.gemmSerial(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false, null, 0, false);
        else Sgemm.gemmScalar(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false, null, 0, false);
        counter.macs += (long) m * n * k;
        return c;
    }
}
