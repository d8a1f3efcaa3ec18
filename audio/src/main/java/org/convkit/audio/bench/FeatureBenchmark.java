package org.convkit.audio.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.convkit.audio.features.FeatureExtractor;
import org.convkit.audio.features.FeatureSettings;
import org.convkit.audio.features.LogMelSpectrogram;
import org.convkit.audio.features.Mfcc;

/**
 * Measures the speed of feature extraction as a real-time factor: seconds of audio processed per
 * second of CPU time of the measuring thread (single-threaded), on 1 s clips of deterministic
 * noise plus tones at 16 kHz.
 *
 * <p>Usage: {@code java -cp <classpath> org.convkit.audio.bench.FeatureBenchmark [seconds]}
 * where {@code seconds} (default 600) is the amount of audio per measured configuration.
 */
public final class FeatureBenchmark {

    private FeatureBenchmark() {
    }

    /**
     * Runs the benchmark and prints one line per configuration.
     *
     * @param args optional seconds of audio per configuration
     */
    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        FeatureSettings defaults = FeatureSettings.defaults();
        FeatureSettings librosa = FeatureSettings.librosa(16000, 512, 160, 40, 40, 20, 4000);
        float[] clip = clip(16000, 42);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "java %s, %s %s, %d s of audio per row, 1 s clips, one thread%n",
                System.getProperty("java.version"), System.getProperty("os.arch"),
                System.getProperty("os.name"), seconds);
        Object[][] configs = {
            {"log-mel 40 (defaults: ln, FFT 512, win 480, hop 160)", new LogMelSpectrogram(defaults)},
            {"MFCC 40 (defaults)", new Mfcc(defaults)},
            {"log-mel 40 (librosa: dB, top_db 80, win 512)", new LogMelSpectrogram(librosa)},
            {"MFCC 40 (librosa: dB, top_db 80, win 512)", new Mfcc(librosa)},
        };
        for (Object[] c : configs) {
            FeatureExtractor fe = (FeatureExtractor) c[1];
            float[] out = new float[fe.outputLength(clip.length)];
            double sink = 0;
            for (int i = 0; i < 2000; i++) { // warm-up (about 1 s): let the JIT compile the hot paths
                fe.compute(clip, out);
                sink += out[i % out.length];
            }
            long cpu0 = bean.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < seconds; i++) {
                fe.compute(clip, out);
                sink += out[i % out.length];
            }
            double cpu = (bean.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            System.out.printf(Locale.ROOT, "%-55s RTF %8.0f x real time (CPU %.3f s, wall %.3f s, %.1f us/clip) [%s]%n",
                    c[0], seconds / cpu, cpu, wall, cpu / seconds * 1e6, sink == 42.0 ? "!" : "ok");
        }
    }

    /** Deterministic 1 s test clip: two tones plus LCG noise. */
    private static float[] clip(int n, long seed) {
        float[] x = new float[n];
        long s = seed;
        for (int i = 0; i < n; i++) {
            s = (1664525L * s + 1013904223L) & 0xFFFFFFFFL;
            double u = ((s >>> 8) / 16777216.0) * 2 - 1;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0)
                    + 0.2 * Math.sin(2 * Math.PI * 1500 * i / 16000.0) + 0.05 * u);
        }
        return x;
    }
}
