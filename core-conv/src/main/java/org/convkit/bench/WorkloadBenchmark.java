package org.convkit.bench;

import org.convkit.nn.Model;
import org.convkit.nn.ModelSpec;
import org.convkit.nn.Parameter;
import org.convkit.nn.SoftmaxCrossEntropy;
import org.convkit.ops.Parallel;
import org.convkit.ops.Sgemm;
import org.convkit.tensor.Tensor;
import org.convkit.train.AdadeltaSettings;
import org.convkit.train.Optimizer;
import org.convkit.train.SgdSettings;
import org.convkit.zoo.ReferenceNetworks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The project's speed yardstick: builds the four reference networks of shared/bench/WORKLOADS.md
 * with the public API and measures them exactly as that file says, printing one JSON line per
 * workload ({@code "impl":"convkit"}) in its format, plus {@code params} and {@code forward_macs}
 * as the PyTorch peer script prints them.
 *
 * <p>Measurement, mirroring {@code shared/bench/peers/torch_bench.py}: batch-1 inference (median of
 * at least 50 passes after warm-up), batch-64 inference (median of at least 10), then training
 * steps at the workload's batch size (3 warm-up steps, median of at least 10, or 3 for W2 and W4),
 * all on data drawn from a fixed seed. Peak memory is the process's peak resident set
 * ({@code VmHWM} of /proc/self/status). With {@code --workload all} (the default) each workload
 * runs in its own JVM so that the peak is that workload's alone; like the peer script, a run
 * during which other processes took more than {@code --max-other-share} of the CPUs is repeated
 * (up to {@code --attempts} times) and the least disturbed one kept.
 *
 * <p>Options: {@code --workload NAME|all}, {@code --threads N} (default: all cores),
 * {@code --quick} (a few steps, for smoke tests only), {@code --json} (the default and only
 * format), {@code --fma-peak GMACS} (adds the batch-64 forward rate as a percentage of that
 * peak), {@code --wait-quiet S}, {@code --attempts N}, {@code --max-other-share F}.
 */
public final class WorkloadBenchmark {
    /** The workloads, in the order they run. */
    public static final List<String> WORKLOADS = List.of("kws-trad-pool2", "kws-res15", "text-kim", "alphago-policy");
    private static final long SEED = 20240611L;

    // train_warm, train_steps, b64_warm, b64_passes, b1_warm, b1_passes (as the peer script)
    private static final int[] PLAN_W1 = {3, 10, 3, 10, 10, 100};
    private static final int[] PLAN_W2 = {3, 3, 2, 10, 5, 50};
    private static final int[] PLAN_W3 = {3, 20, 3, 20, 20, 200};
    private static final int[] PLAN_W4 = {3, 3, 2, 10, 5, 50};
    private static final int[] PLAN_QUICK = {1, 2, 1, 2, 2, 5};

    /**
     * Inference warm-up runs the plan's passes and at least this long: the JIT compiles the
     * kernels over the first few hundred calls, so a short warm-up would time half-compiled code
     * (PyTorch's kernels are compiled ahead of time and need none).
     */
    static final double INFERENCE_WARM_SECONDS = 3.0;
    /** The longest inference warm-up. */
    static final double WARM_MAX_SECONDS = 20.0;

    private WorkloadBenchmark() {
    }

    /**
     * Bytes allocated so far by all live threads (the training step's threads live throughout), or
     * -1 where the JVM does not count them.
     */
    private static long allocatedBytes() {
        if (!(java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx)
                || !mx.isThreadAllocatedMemorySupported()) {
            return -1;
        }
        long[] ids = mx.getAllThreadIds();
        long sum = 0;
        for (long b : mx.getThreadAllocatedBytes(ids)) if (b > 0) sum += b;
        return sum;
    }

    /**
     * Runs {@code pass} at least {@code passes} times and for at least {@code seconds}, and then on
     * in rounds of ten until a round's median is no more than 3 % faster than the round before
     * (the JIT has finished with the kernels; on two busy cores its compiler threads can lag by
     * several seconds), for at most {@link #WARM_MAX_SECONDS}.
     */
    private static void warmUp(Runnable pass, int passes, double seconds) {
        long start = System.nanoTime(), end = start + (long) (seconds * 1e9);
        for (int i = 0; i < passes || System.nanoTime() < end; i++) pass.run();
        if (seconds <= 0) return;
        long cap = start + (long) (WARM_MAX_SECONDS * 1e9);
        double previous = Double.MAX_VALUE;
        double[] round = new double[10];
        while (System.nanoTime() < cap) {
            for (int i = 0; i < round.length; i++) {
                long t0 = System.nanoTime();
                pass.run();
                round[i] = System.nanoTime() - t0;
            }
            double m = median(round);
            if (m >= 0.97 * previous) return;
            previous = m;
        }
    }

    /** Runs as {@link #run} and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** The parsed command line. */
    record Options(String workload, int threads, boolean quick, double fmaPeak, double waitQuiet, int attempts,
                   double maxOtherShare, Path diagFile) {
    }

    /**
     * Runs the benchmark described by {@code args}, printing the JSON lines to {@code out} and
     * progress and diagnostics to standard error.
     *
     * @return 0 on success, 2 for a bad command line, 1 if a workload failed
     */
    public static int run(String[] args, PrintStream out) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("convkit bench: " + e.getMessage());
            System.err.println(usage());
            return 2;
        }
        if (o == null) {
            out.println(usage());
            return 0;
        }
        try {
            if (o.workload().equals("all")) return runAll(o, out);
            out.println(runOne(o));
            out.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("convkit bench: " + o.workload() + " failed: " + e);
            e.printStackTrace();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static String usage() {
        return "usage: convkit bench [--workload " + String.join("|", WORKLOADS) + "|all] [--threads N] [--quick] [--json]"
                + " [--fma-peak GMACS] [--wait-quiet SECONDS] [--attempts N] [--max-other-share FRACTION]";
    }

    static Options parse(String[] args) {
        String workload = "all";
        int threads = Runtime.getRuntime().availableProcessors(), attempts = 3;
        boolean quick = false;
        double fmaPeak = 0, waitQuiet = 120, maxOther = 0.10;
        Path diag = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--workload" -> workload = value(args, ++i, a);
                case "--threads" -> threads = intValue(args, ++i, a, 1);
                case "--quick" -> quick = true;
                case "--json" -> { }
                case "--fma-peak" -> fmaPeak = doubleValue(args, ++i, a);
                case "--wait-quiet" -> waitQuiet = doubleValue(args, ++i, a);
                case "--attempts" -> attempts = intValue(args, ++i, a, 1);
                case "--max-other-share" -> maxOther = doubleValue(args, ++i, a);
                case "--diag-file" -> diag = Path.of(value(args, ++i, a));
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (!workload.equals("all") && !WORKLOADS.contains(workload)) {
            throw new IllegalArgumentException("unknown workload '" + workload + "'; expected one of " + WORKLOADS + " or all");
        }
        return new Options(workload, threads, quick, fmaPeak, waitQuiet, attempts, maxOther, diag);
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) throw new IllegalArgumentException(opt + " needs a value");
        return args[i];
    }

    private static int intValue(String[] args, int i, String opt, int min) {
        String v = value(args, i, opt);
        try {
            int n = Integer.parseInt(v);
            if (n < min) throw new IllegalArgumentException(opt + " must be >= " + min + ", got " + v);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " expects a whole number, got '" + v + "'");
        }
    }

    private static double doubleValue(String[] args, int i, String opt) {
        String v = value(args, i, opt);
        try {
            double d = Double.parseDouble(v);
            if (!(d >= 0) || Double.isInfinite(d)) throw new IllegalArgumentException(opt + " must be finite and >= 0, got " + v);
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " expects a number, got '" + v + "'");
        }
    }

    // ---------------------------------------------------------------------------------------
    // all workloads, each in its own JVM

    private static int runAll(Options o, PrintStream out) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        int status = 0;
        for (String w : WORKLOADS) {
            String best = null;
            double bestOther = Double.MAX_VALUE;
            for (int attempt = 1; attempt <= o.attempts(); attempt++) {
                if (o.waitQuiet() > 0 && !o.quick()) {
                    double share = waitQuiet(o.waitQuiet());
                    System.err.printf(Locale.ROOT, "[%s] attempt %d: other CPU use before start %.0f%%%n", w, attempt, share * 100);
                }
                Path diag = Files.createTempFile("convkit-bench-", ".diag");
                try {
                    List<String> cmd = new ArrayList<>();
                    cmd.add(java);
                    cmd.addAll(jvmArgs);
                    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkloadBenchmark.class.getName(),
                            "--workload", w, "--threads", Integer.toString(o.threads()), "--diag-file", diag.toString()));
                    if (o.quick()) cmd.add("--quick");
                    if (o.fmaPeak() > 0) cmd.addAll(List.of("--fma-peak", Double.toString(o.fmaPeak())));
                    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                    StringBuilder lines = new StringBuilder();
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) lines.append(line).append('\n');
                    }
                    int code = p.waitFor();
                    if (code != 0) {
                        System.err.println("[" + w + "] child JVM exited with " + code);
                        status = 1;
                        break;
                    }
                    double other = otherShareFrom(Files.readString(diag));
                    System.err.printf(Locale.ROOT, "[%s] attempt %d: other processes used %.0f%% of the CPUs%n", w, attempt, other * 100);
                    if (other < bestOther) {
                        bestOther = other;
                        best = lines.toString();
                    }
                    if (o.quick() || other <= o.maxOtherShare()) break;
                    System.err.printf(Locale.ROOT, "[%s] disturbed (> %.0f%%), running it again%n", w, o.maxOtherShare() * 100);
                } finally {
                    Files.deleteIfExists(diag);
                }
            }
            if (best != null) {
                out.print(best);
                out.flush();
            }
        }
        return status;
    }

    private static double otherShareFrom(String diag) {
        int i = diag.indexOf("\"other_procs_cpu_share\":");
        if (i < 0) return 0;
        int s = i + "\"other_procs_cpu_share\":".length(), e = s;
        while (e < diag.length() && "0123456789.-E".indexOf(diag.charAt(e)) >= 0) e++;
        return Double.parseDouble(diag.substring(s, e));
    }

    /** Waits (up to {@code maxWait} s) until other processes use less than 15% of the CPUs; returns the last share seen. */
    private static double waitQuiet(double maxWait) throws InterruptedException {
        long end = System.nanoTime() + (long) (maxWait * 1e9);
        while (true) {
            double b0 = CpuLoad.busySeconds(), own0 = CpuLoad.ownSeconds();
            Thread.sleep(2000);
            double share = Math.max(0, (CpuLoad.busySeconds() - b0 - (CpuLoad.ownSeconds() - own0))
                    / (2.0 * Runtime.getRuntime().availableProcessors()));
            if (share < 0.15 || System.nanoTime() >= end) return share;
            System.err.printf(Locale.ROOT, "  machine busy (%.0f%% of CPUs), waiting...%n", share * 100);
        }
    }

    // ---------------------------------------------------------------------------------------
    // one workload

    /** The built network, its optimiser, batch size and data generator. */
    private record Workload(String name, ModelSpec spec, int trainBatch, int classes, Optimizer optimizer, int[] plan) {
    }

    private static Workload workload(String name) {
        return switch (name) {
            case "kws-trad-pool2" -> new Workload(name, ReferenceNetworks.kwsTradPool2(), 64, 12,
                    SgdSettings.of(0.001).withMomentum(0.9, false).create(), PLAN_W1);
            case "kws-res15" -> new Workload(name, ReferenceNetworks.kwsRes15(), 64, 12,
                    SgdSettings.of(0.1).withMomentum(0.9, false).create(), PLAN_W2);
            case "text-kim" -> new Workload(name, ReferenceNetworks.textKim(), 50, 2,
                    new AdadeltaSettings(1.0, 0.95, 1e-6, 0).create(), PLAN_W3);
            case "alphago-policy" -> new Workload(name, ReferenceNetworks.alphaGoPolicy(), 16, 361,
                    SgdSettings.of(0.003).create(), PLAN_W4);
            default -> throw new IllegalArgumentException("unknown workload " + name);
        };
    }

    /** A batch of inputs as the peer script draws them: Gaussian features, uniform token ids, binary planes. */
    private static Tensor inputs(Workload w, int n, SplittableRandom r) {
        int[] shape = w.spec().inputs().get(0).shape().withBatch(n);
        Tensor x = Tensor.zeros(shape);
        float[] d = x.data();
        for (int i = 0; i < x.size(); i++) {
            d[i] = switch (w.name()) {
                case "text-kim" -> r.nextInt(18_765);
                case "alphago-policy" -> r.nextDouble() < 0.5 ? 1f : 0f;
                default -> (float) r.nextGaussian();
            };
        }
        return x;
    }

    private static Tensor labels(Workload w, int n, SplittableRandom r) {
        Tensor y = Tensor.zeros(n);
        for (int i = 0; i < n; i++) y.data()[i] = r.nextInt(w.classes());
        return y;
    }

    static String runOne(Options o) throws IOException {
        Parallel.setThreads(o.threads());
        Workload w = workload(o.workload());
        int[] plan = o.quick() ? PLAN_QUICK : w.plan();
        Model model = Model.create(w.spec(), SEED);
        SplittableRandom r = new SplittableRandom(SEED + 1);
        System.err.println("[" + w.name() + "] sgemm: " + Sgemm.describe() + ", threads " + Parallel.threads());
        long wall0 = System.nanoTime();
        double busy0 = CpuLoad.busySeconds(), own0 = CpuLoad.ownSeconds();

        Tensor x1 = inputs(w, 1, r), x64 = inputs(w, 64, r);
        double[] b1 = new double[plan[5]], b64 = new double[plan[3]];
        double warmSeconds = o.quick() ? 0 : INFERENCE_WARM_SECONDS;
        warmUp(() -> model.forward(false, x1), plan[4], warmSeconds);
        for (int i = 0; i < plan[5]; i++) {
            long t0 = System.nanoTime();
            model.forward(false, x1);
            b1[i] = (System.nanoTime() - t0) / 1e9;
        }
        long peakAfterB1 = peakRssKb();
        warmUp(() -> model.forward(false, x64), plan[2], warmSeconds);
        for (int i = 0; i < plan[3]; i++) {
            long t0 = System.nanoTime();
            model.forward(false, x64);
            b64[i] = (System.nanoTime() - t0) / 1e9;
        }
        long peakAfterB64 = peakRssKb();

        int nb = w.trainBatch();
        Tensor[] xs = new Tensor[4], ys = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            xs[i] = inputs(w, nb, r);
            ys[i] = labels(w, nb, r);
        }
        SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.plain();
        List<Parameter> params = new ArrayList<>(model.parameters().values());
        Optimizer opt = w.optimizer();
        Tensor grad = Tensor.zeros(model.outputShape().withBatch(nb));
        double[] steps = new double[plan[1]];
        double[] losses = new double[plan[0] + plan[1]];
        long allocBefore = 0;
        for (int i = 0; i < plan[0] + plan[1]; i++) {
            if (i == plan[0]) allocBefore = allocatedBytes();
            Tensor x = xs[i % 4], y = ys[i % 4];
            long t0 = System.nanoTime();
            Tensor out = model.forward(true, x);
            losses[i] = loss.compute(out, y, grad);
            model.backward(grad);
            opt.step(params);
            long t = System.nanoTime() - t0;
            if (i >= plan[0]) steps[i - plan[0]] = t / 1e9;
        }
        long allocPerStep = (allocatedBytes() - allocBefore) / plan[1];
        double wall = (System.nanoTime() - wall0) / 1e9;
        double other = (CpuLoad.busySeconds() - busy0) - (CpuLoad.ownSeconds() - own0);
        double otherShare = Math.max(0, other / (wall * Runtime.getRuntime().availableProcessors()));
        long peakMb = Math.round(peakRssKb() / 1024.0);

        double mTrain = median(steps), m64 = median(b64), m1 = median(b1);
        long macs = model.macs();
        double gmacs64 = macs * 64 / m64 / 1e9;
        StringBuilder j = new StringBuilder();
        j.append("{\"workload\":\"").append(w.name()).append("\",\"impl\":\"convkit\",\"threads\":").append(o.threads())
                .append(",\"train_examples_per_s\":").append(fmt(nb / mTrain, 2))
                .append(",\"infer_b64_examples_per_s\":").append(fmt(64 / m64, 2))
                .append(",\"infer_b1_ms\":").append(fmt(m1 * 1000, 3))
                .append(",\"peak_rss_mb\":").append(peakMb)
                .append(",\"params\":").append(model.trainableParameterCount())
                .append(",\"forward_macs\":").append(macs)
                .append(",\"gmacs_per_s_infer_b64\":").append(fmt(gmacs64, 1));
        if (o.fmaPeak() > 0) j.append(",\"infer_b64_pct_of_fma_peak\":").append(fmt(100 * gmacs64 / o.fmaPeak(), 1));
        j.append('}');

        String diag = String.format(Locale.ROOT, "{\"workload\":\"%s\",\"sgemm\":\"%s\",\"threads\":%d,\"train_batch\":%d,"
                        + "\"train_step_s\":%s,\"b64_pass_s\":%s,\"b1_ms_min\":%.3f,\"b1_ms_max\":%.3f,\"losses\":%s,"
                        + "\"workload_wall_s\":%.1f,\"other_procs_cpu_s\":%.1f,\"other_procs_cpu_share\":%.3f,"
                        + "\"effective_gmacs_per_s_train_fwd_bwd\":%.1f,\"train_alloc_bytes_per_step\":%d,"
                        + "\"peak_rss_mb_after_b1_b64_train\":[%d,%d,%d],\"jvm\":\"%s\"}",
                w.name(), Sgemm.describe(), o.threads(), nb, list(steps, 4), list(b64, 4),
                Arrays.stream(b1).min().orElse(0) * 1000, Arrays.stream(b1).max().orElse(0) * 1000, list(losses, 4),
                wall, other, otherShare, 3.0 * macs * nb / mTrain / 1e9, allocPerStep, Math.round(peakAfterB1 / 1024.0),
                Math.round(peakAfterB64 / 1024.0), peakMb, System.getProperty("java.vm.version"));
        System.err.println("[" + w.name() + "] diag " + diag);
        if (o.diagFile() != null) Files.writeString(o.diagFile(), diag);
        return j.toString();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String list(double[] v, int digits) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) b.append(i > 0 ? "," : "").append(fmt(v[i], digits));
        return b.append(']').toString();
    }

    /** Peak resident set in KiB ({@code VmHWM}), or -1 where /proc is not available. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** CPU time counters, for telling how much of the machine other processes took during a run. */
    static final class CpuLoad {
        private CpuLoad() {
        }

        /** System-wide non-idle CPU seconds (user+nice+system+irq+softirq), or 0 without /proc/stat. */
        static double busySeconds() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long ticks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7]);
                return ticks / 100.0; // USER_HZ is 100 on Linux
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** This process's CPU seconds. */
        static double ownSeconds() {
            return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
        }
    }
}
