package org.convkit.audio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.convkit.audio.kws.KwsCorpus;
import org.convkit.audio.kws.KwsEvaluator;
import org.convkit.audio.kws.KwsModel;
import org.convkit.audio.stream.KeywordSpotter;
import org.convkit.audio.stream.SpotterSettings;
import org.convkit.audio.stream.StreamingEvaluation;
import org.convkit.audio.stream.StreamingReport;
import org.convkit.audio.stream.TestRecording;
import org.convkit.audio.stream.WavStreamSource;
import org.convkit.corpora.Split;
import org.convkit.io.AtomicFile;
import org.convkit.io.ConvkitJson;
import org.convkit.ops.Parallel;

/**
 * Streaming figures and real-time factors.
 *
 * <p>{@code StreamingExperiment eval CORPUS MODEL OUT_PREFIX [THRESHOLD]}: builds the test recording
 * from the corpus's test split ({@link StreamingEvaluation.RecordingSettings#defaults()}), runs the
 * spotter once and writes {@code OUT_PREFIX.json} (report) and {@code OUT_PREFIX-curve.csv}.
 *
 * <p>{@code StreamingExperiment rtf SECONDS INTERVAL_MS MODEL...}: real-time factor of streaming
 * detection (features every 10 ms + model every INTERVAL_MS + smoothing + detection) for each model
 * on SECONDS of noise and tone, with the network's worker pool set to one thread, measured as audio
 * seconds per CPU second of the whole process, after a 3 s warm-up.
 *
 * <p>Real-time factors are CPU-time based: on the shared build machine the wall clock mostly
 * measures other people's work, and is printed beside it.
 */
public final class StreamingExperiment {

    private StreamingExperiment() {
    }

    /**
     * Runs one of the two modes.
     *
     * @param args see the class description
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length >= 4 && args[0].equals("eval")) {
            eval(Path.of(args[1]), Path.of(args[2]), args[3], args.length > 4 ? Double.parseDouble(args[4]) : 0.5);
        } else if (args.length >= 4 && args[0].equals("rtf")) {
            Parallel.setThreads(1); // one core: the network's worker pool gets a single thread
            double seconds = Double.parseDouble(args[1]);
            double interval = Double.parseDouble(args[2]);
            for (int i = 3; i < args.length; i++) {
                rtf(KwsModel.load(Path.of(args[i])), seconds, interval);
            }
        } else {
            System.err.println("usage: StreamingExperiment eval CORPUS MODEL OUT_PREFIX [THRESHOLD] | rtf SECONDS INTERVAL_MS MODEL...");
            System.exit(2);
        }
    }

    private static void eval(Path corpusDir, Path modelFile, String out, double threshold) throws IOException {
        KwsModel model = KwsModel.load(modelFile);
        KwsCorpus corpus = KwsCorpus.open(corpusDir, KwsEvaluator.taskOf(model));
        TestRecording rec = StreamingEvaluation.buildRecording(corpus, Split.TEST, KwsEvaluator.taskOf(model).keywords(),
                model.frontEnd().settings().sampleRate(), StreamingEvaluation.RecordingSettings.defaults());
        System.out.printf(Locale.ROOT, "recording: %.1f s, %d events (%d keywords)%n", rec.seconds(), rec.events().size(),
                rec.events().stream().filter(TestRecording.Event::keyword).count());
        double[] sweep = new double[19];
        for (int i = 0; i < sweep.length; i++) {
            sweep[i] = 0.05 * (i + 1);
        }
        StreamingReport r = StreamingEvaluation.evaluate(model, rec, SpotterSettings.defaults().withThreshold(threshold),
                sweep, 0.25);
        ObjectMapper json = ConvkitJson.mapper();
        Path prefix = Path.of(out);
        if (prefix.toAbsolutePath().getParent() != null) {
            Files.createDirectories(prefix.toAbsolutePath().getParent());
        }
        String js = json.writerWithDefaultPrettyPrinter().writeValueAsString(r.toJson());
        AtomicFile.write(Path.of(out + ".json"), o -> o.write(js.getBytes(StandardCharsets.UTF_8)));
        AtomicFile.write(Path.of(out + "-curve.csv"), o -> o.write(r.curveCsv().getBytes(StandardCharsets.UTF_8)));
        System.out.printf(Locale.ROOT, "%s: threshold %.2f: hits %d, misses %d, false alarms %d (%.1f per hour), "
                        + "false reject rate %.3f; %d evaluations, CPU %.1f s, real-time factor %.1f%n",
                model.name(), threshold, r.atThreshold().hits(), r.atThreshold().misses(), r.atThreshold().falseAlarms(),
                r.atThreshold().falseAlarmsPerHour(), r.atThreshold().falseRejectRate(), r.evaluations(), r.cpuSeconds(),
                r.realTimeFactor());
        System.out.print(r.curveCsv());
    }

    private static void rtf(KwsModel model, double seconds, double interval) {
        int sr = model.frontEnd().settings().sampleRate();
        float[] x = new float[(int) (seconds * sr)];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.05 * r.nextGaussian() + 0.2 * Math.sin(2 * Math.PI * 440 * i / sr));
        }
        float[] warm = java.util.Arrays.copyOf(x, Math.min(x.length, 3 * sr));
        KeywordSpotter w = new KeywordSpotter(model, SpotterSettings.defaults().withEvaluateEveryMs(interval), d -> { });
        new WavStreamSource(warm, sr, 1600).run(w::accept);
        int[] count = {0};
        KeywordSpotter s = new KeywordSpotter(model, SpotterSettings.defaults().withEvaluateEveryMs(interval), d -> count[0]++);
        double cpu0 = StreamingEvaluation.processCpuSeconds();
        long wall0 = System.nanoTime();
        new WavStreamSource(x, sr, 1600).run(s::accept);
        double cpu = StreamingEvaluation.processCpuSeconds() - cpu0;
        double wall = (System.nanoTime() - wall0) / 1e9;
        System.out.printf(Locale.ROOT, "RTF %-16s %.0f s audio, %d evaluations every %.0f ms: CPU %.2f s, wall %.2f s, "
                        + "real-time factor %.2f (CPU), %.2f (wall); %.2f ms per evaluation%n", model.name(), seconds,
                s.evaluations(), s.settings().evaluateEveryMs(), cpu, wall, seconds / cpu, seconds / wall,
                cpu / Math.max(1, s.evaluations()) * 1e3);
    }
}
