package org.convkit.audio.stream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.convkit.audio.features.FeatureExtractor;
import org.convkit.audio.features.FeatureSettings;
import org.convkit.audio.io.AudioFileException;
import org.convkit.audio.kws.KwsFrontEnd;
import org.convkit.audio.kws.KwsModel;
import org.convkit.corpora.speech.SpeechCommandsTask;

/**
 * Streaming keyword detection with a {@link KwsModel}.
 *
 * <p>Samples (mono, at the model's sample rate) are pushed with {@link #accept}. The spotter keeps
 * them in a buffer and computes each new feature frame as soon as its window is complete, with the
 * front end's {@code computeFrame} hook: frame k is centred on sample {@code k * hop}, exactly as
 * frame k of the training front end (the stream is zero-padded before its first sample, like the
 * centred framing of a clip). The last {@code frames} frames (101 = 1 s) form the model input; the
 * model runs every {@link SpotterSettings#evaluateEveryMs()} ms, its posteriors are averaged over the
 * last {@link SpotterSettings#smoothingWindow()} evaluations (Chen et al. 2014), and a
 * {@link ThresholdDetector} emits {@link Detection}s with a refractory period.
 *
 * <p>The features' normalisation is the model's: GLOBAL statistics (or none) apply per frame, so
 * streaming features equal training features for every frame whose window lies inside the audio.
 * (Within one second of the stream start and around clip edges in training, the zero padding
 * differs; the model is only evaluated once a full second has been seen.)
 *
 * <p>Allocation-free per sample and per frame; one evaluation allocates only what the network's
 * forward pass does. Not thread-safe: feed it from one thread.
 */
public final class KeywordSpotter {

    private final KwsModel model;
    private final SpotterSettings settings;
    private final FeatureExtractor extractor;
    private final int hop;
    private final int windowLength;
    private final int frames;
    private final int coefficients;
    private final int evaluateEvery;
    private final double sampleRate;
    private final float[] buffer;
    private long bufferStart;       // padded-stream index of buffer[0]
    private int bufferLength;
    private long nextFrame;
    private final float[] ring;     // frames x coefficients, frame k at slot k % frames
    private final float[] input;
    private final float[][] history;
    private int historyCount;
    private final float[] raw;
    private final float[] smoothed;
    private final ThresholdDetector detector;
    private final List<PosteriorListener> listeners = new ArrayList<>();
    private long samplesSeen;
    private long evaluations;

    /**
     * Creates a spotter.
     *
     * @param model    the model (used from the feeding thread only; pass {@code model.copy()} if it
     *                 is also used elsewhere)
     * @param settings evaluation, smoothing and detection settings
     * @param sink     receives detections, on the feeding thread
     */
    public KeywordSpotter(KwsModel model, SpotterSettings settings, Consumer<Detection> sink) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sink, "sink");
        KwsFrontEnd fe = model.frontEnd();
        FeatureSettings fs = fe.settings();
        this.extractor = fe.newExtractor();
        this.hop = fs.hopLength();
        this.windowLength = fs.windowLength();
        this.frames = fe.frames();
        this.coefficients = fe.coefficients();
        this.sampleRate = fs.sampleRate();
        this.evaluateEvery = Math.max(1, (int) Math.round(settings.evaluateEveryMs() * fs.sampleRate() / 1000.0 / hop));
        this.buffer = new float[Math.max(8192, 4 * (windowLength + hop))];
        // Zero padding before the stream, so frame k (window start k*hop in padded coordinates) is
        // centred on stream sample k*hop as in the centred framing of a clip.
        int pad = fs.fftSize() / 2 - (fs.fftSize() - windowLength) / 2;
        this.bufferLength = pad;
        this.ring = new float[frames * coefficients];
        this.input = new float[frames * coefficients];
        this.history = new float[settings.smoothingWindow()][model.labels().size()];
        this.raw = new float[model.labels().size()];
        this.smoothed = new float[model.labels().size()];
        boolean[] keyword = new boolean[model.labels().size()];
        for (int c = 0; c < keyword.length; c++) {
            String l = model.labels().get(c);
            keyword[c] = !l.equals(SpeechCommandsTask.SILENCE) && !l.equals(SpeechCommandsTask.UNKNOWN);
        }
        double windowSeconds = (frames - 1) * hop / sampleRate;
        this.detector = new ThresholdDetector(model.labels(), keyword, settings, windowSeconds, sink);
    }

    /**
     * Runs a spotter over an audio file (decoded, mixed down and resampled to the model's rate) and
     * returns its detections: what {@code convkit kws detect --audio FILE --threshold X} prints.
     *
     * @param model    the model
     * @param file     audio file
     * @param settings spotter settings
     * @return the detections in time order
     * @throws AudioFileException if the file cannot be decoded (the message names it)
     */
    public static List<Detection> detect(KwsModel model, Path file, SpotterSettings settings) throws AudioFileException {
        List<Detection> out = new ArrayList<>();
        KeywordSpotter s = new KeywordSpotter(model, settings, out::add);
        new WavStreamSource(file, model.frontEnd().settings().sampleRate(), 1600).run(s::accept);
        s.finish();
        return out;
    }

    /**
     * Adds a listener called after every evaluation with the smoothed posteriors.
     *
     * @param l the listener
     * @return this spotter
     */
    public KeywordSpotter addListener(PosteriorListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
        return this;
    }

    /**
     * The settings.
     *
     * @return settings
     */
    public SpotterSettings settings() {
        return settings;
    }

    /**
     * The model.
     *
     * @return model
     */
    public KwsModel model() {
        return model;
    }

    /**
     * Samples consumed so far.
     *
     * @return count
     */
    public long samplesSeen() {
        return samplesSeen;
    }

    /**
     * Model evaluations so far.
     *
     * @return count
     */
    public long evaluations() {
        return evaluations;
    }

    /**
     * Consumes samples; computes frames, runs the model and emits detections as they become due.
     *
     * @param samples mono samples at the model's sample rate, finite
     * @param offset  first sample
     * @param length  number of samples
     */
    public void accept(float[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        int done = 0;
        while (done < length) {
            if (bufferLength == buffer.length) {
                compact();
            }
            int n = Math.min(length - done, buffer.length - bufferLength);
            for (int i = 0; i < n; i++) {
                float x = samples[offset + done + i];
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException("sample " + (samplesSeen + done + i) + " of the stream is " + x
                            + "; expected finite samples");
                }
                buffer[bufferLength + i] = x;
            }
            bufferLength += n;
            done += n;
            processFrames();
        }
        samplesSeen += length;
    }

    /** Emits a detection still waiting for its peak (call at the end of a stream). */
    public void finish() {
        detector.finish();
    }

    private void processFrames() {
        while (true) {
            long start = nextFrame * hop;
            if (start + windowLength > bufferStart + bufferLength) {
                return;
            }
            int slot = (int) (nextFrame % frames);
            extractor.computeFrame(buffer, (int) (start - bufferStart), ring, slot * coefficients);
            long k = nextFrame++;
            if (k + 1 >= frames && (k + 1 - frames) % evaluateEvery == 0) {
                evaluate(k);
            }
        }
    }

    private void evaluate(long newest) {
        long oldest = newest - frames + 1;
        for (int i = 0; i < frames; i++) {
            int slot = (int) ((oldest + i) % frames);
            System.arraycopy(ring, slot * coefficients, input, i * coefficients, coefficients);
        }
        model.posteriorsOfFeatures(input, 0, raw);
        float[] h = history[(int) (evaluations % history.length)];
        System.arraycopy(raw, 0, h, 0, raw.length);
        evaluations++;
        historyCount = (int) Math.min(history.length, evaluations);
        for (int c = 0; c < smoothed.length; c++) {
            double s = 0;
            for (int j = 0; j < historyCount; j++) {
                s += history[j][c];
            }
            smoothed[c] = (float) (s / historyCount);
        }
        double end = newest * hop / sampleRate;
        for (PosteriorListener l : listeners) {
            l.onPosteriors(end, smoothed);
        }
        detector.update(end, smoothed);
    }

    /** Drops samples no future frame needs and moves the rest to the front of the buffer. */
    private void compact() {
        long keepFrom = nextFrame * hop;
        int drop = (int) (keepFrom - bufferStart);
        if (drop <= 0) {
            throw new IllegalStateException("stream buffer of " + buffer.length + " samples is full");
        }
        System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
        bufferLength -= drop;
        bufferStart += drop;
    }
}
