package org.convkit.jmh;

import org.convkit.ops.Parallel;
import org.convkit.ops.Sgemm;
import smile.math.blas.BLAS;
import smile.math.blas.Layout;
import smile.math.blas.Transpose;
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
 * SGEMM at the shapes the reference workloads produce ({@code M x N x K}: output channels x
 * positions x patch size for a convolution's forward pass), on the Vector API path, the portable
 * loops, and native OpenBLAS through Smile ({@code smile.math.blas.BLAS}, the binding the issue
 * names as the optional native path): {@code openblas} hands it Java arrays (Smile copies them to
 * native memory each call, as a caller holding convkit's arrays would pay), {@code openblas-direct}
 * direct buffers filled once (the library's own speed). {@code threads} is the number of threads
 * of convkit's pool; OpenBLAS takes its own from the environment, so run with
 * {@code OPENBLAS_NUM_THREADS} set to the same number (the forked JVM inherits it). The
 * {@code macs} secondary result is multiply-adds per second.
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
    @Param({"vector", "scalar", "openblas", "openblas-direct"})
    public String path;

    /** Threads of convkit's pool for the product (OpenBLAS: {@code OPENBLAS_NUM_THREADS}). */
    @Param({"1"})
    public int threads;

    private int m, n, k;
    private float[] a, b, c;
    private java.nio.FloatBuffer da, db, dc;

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
        Parallel.setThreads(threads);
        if (path.startsWith("openblas")) {
            da = direct(a);
            db = direct(b);
            dc = direct(c);
        }
    }

    private static java.nio.FloatBuffer direct(float[] v) {
        java.nio.FloatBuffer f = java.nio.ByteBuffer.allocateDirect(4 * v.length).order(java.nio.ByteOrder.nativeOrder())
                .asFloatBuffer();
        f.put(v).flip();
        return f;
    }

    @Benchmark
    public float[] nn(MacCounter counter) {
        switch (path) {
            case "vector" -> Sgemm.gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false, null, 0, false);
            case "scalar" -> Sgemm.gemmScalar(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false, null, 0, false);
            case "openblas" -> BLAS.engine.gemm(Layout.ROW_MAJOR, Transpose.NO_TRANSPOSE, Transpose.NO_TRANSPOSE, m, n, k,
                    1f, a, k, b, n, 0f, c, n);
            case "openblas-direct" -> BLAS.engine.gemm(Layout.ROW_MAJOR, Transpose.NO_TRANSPOSE, Transpose.NO_TRANSPOSE, m,
                    n, k, 1f, da, k, db, n, 0f, dc, n);
            default -> throw new IllegalArgumentException(path);
        }
        counter.macs += (long) m * n * k;
        return c;
    }
}
