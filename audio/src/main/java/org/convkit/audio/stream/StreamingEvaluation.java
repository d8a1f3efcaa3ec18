package org.convkit.audio.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.convkit.audio.io.AudioReader;
import org.convkit.audio.kws.KwsCorpus;
import org.convkit.audio.kws.KwsModel;
import org.convkit.corpora.AudioExample;
import org.convkit.corpora.Split;
import org.convkit.corpora.speech.SpeechCommandsTask;

/**
 * Streaming evaluation in the way the keyword-spotting literature reports it: a long recording is
 * made by placing clips of a split (keywords, plus unknown words as distractors) at known, seeded
 * times over background noise; the spotter runs over it once, recording its smoothed posteriors;
 * the detections at each threshold are matched to the placed keywords (same label, detection window
 * within {@code toleranceSeconds} of the word) and counted as hits, misses and false alarms per
 * hour, giving the trade-off curve of false rejects against false alarms.
 */
public final class StreamingEvaluation {

    private StreamingEvaluation() {
    }

    /**
     * How the test recording is made.
     *
     * @param seed           fixes clip order, gaps and noise segments
     * @param maxClips       most clips placed (0 = all of the split's keyword and unknown clips)
     * @param minGapSeconds  least silence (noise) between the end of a 1 s clip and the next
     * @param maxGapSeconds  most silence between clips
     * @param noiseVolume    gain applied to the background-noise recordings (e.g. 0.1)
     * @param leadSeconds    noise before the first clip and after the last
     */
    public record RecordingSettings(long seed, int maxClips, double minGapSeconds, double maxGapSeconds,
                                    double noiseVolume, double leadSeconds) {
        /** Validates the ranges. */
        public RecordingSettings {
            if (maxClips < 0 || !(minGapSeconds >= 0) || !(maxGapSeconds >= minGapSeconds) || !(noiseVolume >= 0)
                    || !(leadSeconds >= 0)) {
                throw new IllegalArgumentException("need maxClips >= 0, 0 <= minGap <= maxGap, noiseVolume >= 0, lead >= 0; got "
                        + maxClips + ", " + minGapSeconds + ", " + maxGapSeconds + ", " + noiseVolume + ", " + leadSeconds);
            }
        }

        /**
         * Defaults: seed 7, all clips, gaps of 1 to 2 s, noise volume 0.1, 2 s lead.
         *
         * @return the settings
         */
        public static RecordingSettings defaults() {
            return new RecordingSettings(7, 0, 1.0, 2.0, 0.1, 2.0);
        }
    }

    /**
     * Builds the test recording from one split of a corpus with background noise.
     *
     * @param corpus   the corpus (needs noise files)
     * @param split    which clips to place
     * @param keywords labels that count as keywords (others become distractors)
     * @param sampleRate output rate
     * @param s        settings
     * @return the recording
     */
    public static TestRecording buildRecording(KwsCorpus corpus, Split split, List<String> keywords, int sampleRate,
                                               RecordingSettings s) {
        if (corpus.noiseFiles().isEmpty()) {
            throw new IllegalArgumentException(corpus.root() + ": has no background-noise files to build a recording on");
        }
        List<float[]> noise = new ArrayList<>();
        for (Path p : corpus.noiseFiles()) {
            noise.add(read(p, sampleRate));
        }
        List<AudioExample> clips = new ArrayList<>();
        for (AudioExample e : corpus.examples(split)) {
            if (!e.label().equals(SpeechCommandsTask.SILENCE)) {
                clips.add(e);
            }
        }
        SplittableRandom r = new SplittableRandom(s.seed());
        for (int i = clips.size() - 1; i > 0; i--) {
            Collections.swap(clips, i, r.nextInt(i + 1));
        }
        if (s.maxClips() > 0 && clips.size() > s.maxClips()) {
            clips = clips.subList(0, s.maxClips());
        }
        List<float[]> audio = new ArrayList<>();
        double[] at = new double[clips.size()];
        double t = s.leadSeconds();
        for (int i = 0; i < clips.size(); i++) {
            float[] x = read(clips.get(i).path(), sampleRate);
            audio.add(x);
            at[i] = t;
            t += x.length / (double) sampleRate + s.minGapSeconds() + r.nextDouble() * (s.maxGapSeconds() - s.minGapSeconds());
        }
        int total = (int) Math.ceil((t - (clips.isEmpty() ? 0 : s.minGapSeconds()) + s.leadSeconds()) * sampleRate);
        float[] out = noiseBed(noise, total, s.noiseVolume(), r);
        List<TestRecording.Event> events = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            float[] x = audio.get(i);
            int off = (int) Math.round(at[i] * sampleRate);
            for (int j = 0; j < x.length && off + j < out.length; j++) {
                out[off + j] = Math.max(-1f, Math.min(1f, out[off + j] + x[j]));
            }
            int[] span = spokenSpan(x, sampleRate);
            AudioExample e = clips.get(i);
            events.add(new TestRecording.Event(e.label(), keywords.contains(e.label()),
                    (off + span[0]) / (double) sampleRate, (off + span[1]) / (double) sampleRate, e.path().toString()));
        }
        return new TestRecording(out, sampleRate, events);
    }

    /**
     * Background noise alone: random segments of the noise recordings, back to back.
     *
     * @param noise   noise recordings
     * @param length  samples wanted
     * @param volume  gain
     * @param r       random source
     * @return the samples
     */
    static float[] noiseBed(List<float[]> noise, int length, double volume, SplittableRandom r) {
        float[] out = new float[length];
        int pos = 0;
        while (pos < length) {
            float[] n = noise.get(r.nextInt(noise.size()));
            int seg = Math.min(length - pos, Math.max(1, n.length / 2));
            int from = r.nextInt(n.length - seg + 1);
            for (int j = 0; j < seg; j++) {
                out[pos + j] = (float) (volume * n[from + j]);
            }
            pos += seg;
        }
        return out;
    }

    /** First and last sample of the 10 ms frames whose RMS is within 26 dB (factor 0.05) of the loudest. */
    static int[] spokenSpan(float[] x, int sampleRate) {
        int f = Math.max(1, sampleRate / 100);
        int frames = (x.length + f - 1) / f;
        double[] rms = new double[frames];
        double max = 0;
        for (int k = 0; k < frames; k++) {
            double s = 0;
            int n = 0;
            for (int j = k * f; j < Math.min(x.length, (k + 1) * f); j++) {
                s += x[j] * (double) x[j];
                n++;
            }
            rms[k] = Math.sqrt(s / Math.max(1, n));
            max = Math.max(max, rms[k]);
        }
        int first = 0;
        int last = frames - 1;
        if (max > 0) {
            while (rms[first] < 0.05 * max) {
                first++;
            }
            while (rms[last] < 0.05 * max) {
                last--;
            }
        }
        return new int[] {first * f, Math.min(x.length, (last + 1) * f)};
    }

    private static float[] read(Path p, int sampleRate) {
        try {
            return AudioReader.readMono(p, sampleRate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the spotter over the recording once and scores it at {@code settings.threshold()} and at
     * every threshold of {@code sweep}.
     *
     * @param model            the model
     * @param recording        the recording (at the model's sample rate)
     * @param settings         spotter settings (its threshold is the main operating point)
     * @param sweep            thresholds for the curve
     * @param toleranceSeconds how far outside a detection's 1 s window a word may lie and still count
     * @return the report
     */
    public static StreamingReport evaluate(KwsModel model, TestRecording recording, SpotterSettings settings,
                                           double[] sweep, double toleranceSeconds) {
        if (recording.sampleRate() != model.frontEnd().settings().sampleRate()) {
            throw new IllegalArgumentException("recording is at " + recording.sampleRate() + " Hz, the model expects "
                    + model.frontEnd().settings().sampleRate());
        }
        List<Detection> main = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        List<float[]> trace = new ArrayList<>();
        KeywordSpotter spotter = new KeywordSpotter(model, settings, main::add)
                .addListener((end, p) -> {
                    times.add(end);
                    trace.add(p.clone());
                });
        double cpu0 = processCpuSeconds();
        new WavStreamSource(recording.samples(), recording.sampleRate(), 1600).run(spotter::accept);
        spotter.finish();
        double cpu = processCpuSeconds() - cpu0;
        double hours = recording.seconds() / 3600;
        List<OperatingPoint> curve = new ArrayList<>();
        double[] sorted = sweep.clone();
        java.util.Arrays.sort(sorted);
        boolean[] keyword = keywordMask(model);
        double window = (model.frontEnd().frames() - 1) * model.frontEnd().settings().hopLength()
                / (double) recording.sampleRate();
        for (double th : sorted) {
            List<Detection> d = new ArrayList<>();
            ThresholdDetector det = new ThresholdDetector(model.labels(), keyword, settings.withThreshold(th), window, d::add);
            for (int i = 0; i < times.size(); i++) {
                det.update(times.get(i), trace.get(i));
            }
            det.finish();
            curve.add(score(th, d, recording.events(), toleranceSeconds, hours));
        }
        int kw = (int) recording.events().stream().filter(TestRecording.Event::keyword).count();
        return new StreamingReport(model.name(), recording.seconds(), kw, recording.events().size() - kw,
                spotter.evaluations(), cpu, recording.seconds() / cpu, settings, toleranceSeconds,
                score(settings.threshold(), main, recording.events(), toleranceSeconds, hours), curve, main);
    }

    /**
     * CPU time of the whole process (every thread: the network's worker pool as well as the
     * calling thread, plus the JVM's own), the cost measure of the real-time factor.
     *
     * @return seconds, or NaN when the JVM does not report it
     */
    public static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    static boolean[] keywordMask(KwsModel model) {
        boolean[] k = new boolean[model.labels().size()];
        for (int c = 0; c < k.length; c++) {
            String l = model.labels().get(c);
            k[c] = !l.equals(SpeechCommandsTask.SILENCE) && !l.equals(SpeechCommandsTask.UNKNOWN);
        }
        return k;
    }

    /**
     * Matches detections to keyword events: a detection hits the first unmatched keyword event with
     * its label whose span overlaps the detection window widened by the tolerance on both sides;
     * unmatched detections are false alarms, unmatched keyword events misses.
     *
     * @param threshold  threshold reported
     * @param detections detections in time order
     * @param events     placed words
     * @param tolerance  seconds
     * @param hours      recording length in hours
     * @return the counts
     */
    public static OperatingPoint score(double threshold, List<Detection> detections, List<TestRecording.Event> events,
                                       double tolerance, double hours) {
        boolean[] used = new boolean[events.size()];
        int hits = 0;
        int fa = 0;
        for (Detection d : detections) {
            int match = -1;
            for (int i = 0; i < events.size(); i++) {
                TestRecording.Event e = events.get(i);
                if (!used[i] && e.keyword() && e.label().equals(d.label())
                        && e.endSeconds() >= d.startSeconds() - tolerance && e.startSeconds() <= d.endSeconds() + tolerance) {
                    match = i;
                    break;
                }
            }
            if (match >= 0) {
                used[match] = true;
                hits++;
            } else {
                fa++;
            }
        }
        int keywords = (int) events.stream().filter(TestRecording.Event::keyword).count();
        int misses = keywords - hits;
        return new OperatingPoint(threshold, hits, misses, fa, keywords == 0 ? 0 : misses / (double) keywords,
                hours > 0 ? fa / hours : 0);
    }
}
