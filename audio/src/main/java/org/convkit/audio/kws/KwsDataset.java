package org.convkit.audio.kws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.convkit.audio.ClipFeaturizer;
import org.convkit.audio.augment.BackgroundNoiseMixer;
import org.convkit.audio.augment.NoiseClip;
import org.convkit.audio.augment.TimeShift;
import org.convkit.audio.cache.FeatureCache;
import org.convkit.audio.features.FeatureExtractor;
import org.convkit.audio.features.FeatureMatrix;
import org.convkit.audio.features.FeatureStatistics;
import org.convkit.audio.io.AudioReader;
import org.convkit.corpora.AudioExample;
import org.convkit.corpora.Split;
import org.convkit.corpora.speech.SpeechCommandsTask;
import org.convkit.tensor.Shape;
import org.convkit.train.Dataset;
import org.convkit.train.TrainingCallback;
import org.convkit.train.EpochResult;

/**
 * The examples of one split of a {@link KwsCorpus} as a {@link Dataset} of {@code 1 x frames x
 * coefficients} feature maps for the core's {@code Trainer}.
 *
 * <p><b>Fixed mode</b> (validation, test, statistics): each clip's features are computed once
 * (through a {@link FeatureCache}) without augmentation. Silence examples are a window of
 * background noise at a volume in [0, 1), drawn from a generator seeded by the example's index, so
 * every model sees the same validation and test sets.
 *
 * <p><b>Augmented mode</b> (training): the decoded clips are kept in memory and each request
 * computes time shift, background noise ({@link KwsAugmentation}) and features afresh. The random
 * draws depend only on (seed, epoch, example), so a run is reproducible; the epoch advances through
 * {@link #epochCallback()}. With {@code epochSize} smaller than the split, each epoch is a seeded
 * random subset of that many examples (for slow models under a fixed budget).
 *
 * <p>Features are normalised with the front end's statistics once they are set
 * ({@link #withStatistics}); before that {@link #copyInput} returns raw features. Not thread-safe.
 */
public final class KwsDataset implements Dataset {

    private static final long FIXED_SEED = 0x5EEDL;

    private final List<AudioExample> examples;
    private final int[] labels;
    private final List<String> classNames;
    private final KwsFrontEnd frontEnd;
    private final Shape shape;
    private final int frameSize;
    private final float[] rawFeatures;       // fixed mode
    private final float[][] samples;         // augmented mode; null entries for silence
    private final boolean[] silence;
    private final KwsAugmentation augmentation;
    private final TimeShift timeShift;
    private final BackgroundNoiseMixer mixer;
    private final FeatureExtractor rawExtractor;
    private final float[] work;
    private final long seed;
    private final int epochSize;
    private double[] mean;
    private double[] std;
    private int epoch;
    private int[] epochOrder;

    private KwsDataset(List<AudioExample> examples, int[] labels, List<String> classNames, KwsFrontEnd frontEnd,
                       float[] rawFeatures, float[][] samples, boolean[] silence, KwsAugmentation augmentation,
                       BackgroundNoiseMixer mixer, long seed, int epochSize) {
        this.examples = List.copyOf(examples);
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.frontEnd = frontEnd;
        this.shape = Shape.of(1, frontEnd.frames(), frontEnd.coefficients());
        this.frameSize = shape.size();
        this.rawFeatures = rawFeatures;
        this.samples = samples;
        this.silence = silence;
        this.augmentation = augmentation;
        int sr = frontEnd.settings().sampleRate();
        this.timeShift = augmentation == null ? null : TimeShift.ofMillis(augmentation.timeShiftMs(), sr);
        this.mixer = mixer;
        this.rawExtractor = frontEnd.newRawExtractor();
        this.work = new float[frontEnd.clipSamples()];
        this.seed = seed;
        this.epochSize = epochSize;
        if (frontEnd.statistics() != null) {
            mean = frontEnd.statistics().mean();
            std = frontEnd.statistics().std();
        }
        setEpoch(0);
    }

    /**
     * Loads a split without augmentation (validation, test, or training statistics).
     *
     * @param corpus   the corpus
     * @param split    the partition
     * @param frontEnd features to compute (statistics, if any, are applied by {@link #copyInput})
     * @param labels   the model's class list (an example whose label is not in it is an error)
     * @param cache    feature cache for the clips, or null for none
     * @return the data set
     */
    public static KwsDataset fixed(KwsCorpus corpus, Split split, KwsFrontEnd frontEnd, List<String> labels,
                                   FeatureCache cache) {
        return load(corpus, split, frontEnd, labels, cache, null, 0, 0);
    }

    /**
     * Loads a split for training with on-the-fly augmentation.
     *
     * @param corpus       the corpus
     * @param split        the partition (normally TRAIN)
     * @param frontEnd     features to compute
     * @param labels       the class list
     * @param augmentation the augmentation
     * @param seed         fixes every augmentation draw and the epoch subsets
     * @param epochSize    examples per epoch; 0 for the whole split
     * @return the data set
     */
    public static KwsDataset augmented(KwsCorpus corpus, Split split, KwsFrontEnd frontEnd, List<String> labels,
                                       KwsAugmentation augmentation, long seed, int epochSize) {
        return load(corpus, split, frontEnd, labels, null, Objects.requireNonNull(augmentation, "augmentation"),
                seed, epochSize);
    }

    private static KwsDataset load(KwsCorpus corpus, Split split, KwsFrontEnd frontEnd, List<String> labels,
                                   FeatureCache cache, KwsAugmentation aug, long seed, int epochSize) {
        List<AudioExample> ex = corpus.examples(split);
        if (ex.isEmpty()) {
            throw new IllegalArgumentException(corpus.root() + ": the " + split.label() + " split is empty");
        }
        if (epochSize < 0) {
            throw new IllegalArgumentException("epochSize must be >= 0 (0 = whole split), was " + epochSize);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int n = ex.size();
        int[] y = new int[n];
        boolean[] sil = new boolean[n];
        for (int i = 0; i < n; i++) {
            AudioExample e = ex.get(i);
            Integer c = index.get(e.label());
            if (c == null) {
                throw new IllegalArgumentException(e.path() + ": label '" + e.label() + "' is not one of the model's classes "
                        + labels);
            }
            y[i] = c;
            sil[i] = e.label().equals(SpeechCommandsTask.SILENCE);
        }
        int sr = frontEnd.settings().sampleRate();
        int clip = frontEnd.clipSamples();
        BackgroundNoiseMixer mixer = null;
        if (!corpus.noiseFiles().isEmpty()) {
            List<NoiseClip> clips = new ArrayList<>();
            for (Path p : corpus.noiseFiles()) {
                try {
                    clips.add(new NoiseClip(p.getFileName().toString(), AudioReader.readMono(p, sr)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            mixer = aug == null ? new BackgroundNoiseMixer(clips, clip, 0, 0, 1.0)
                    : new BackgroundNoiseMixer(clips, clip, aug.backgroundVolume(), aug.backgroundFrequency(),
                    aug.silenceVolume());
        }
        for (boolean s : sil) {
            if (s && mixer == null) {
                throw new IllegalArgumentException(corpus.root() + ": has silence examples but no background noise");
            }
        }
        KwsFrontEnd raw = frontEnd;
        ClipFeaturizer featurizer = new ClipFeaturizer(raw.newRawExtractor(), clip);
        try {
            if (aug == null) {
                int fs = raw.frames() * raw.coefficients();
                float[] feats = new float[Math.multiplyExact(n, fs)];
                float[] buf = new float[clip];
                for (int i = 0; i < n; i++) {
                    if (sil[i]) {
                        mixer.silence(buf, new SplittableRandom(mix(FIXED_SEED, 0, i)));
                        featurizer.extractor().compute(buf, 0, clip, feats, i * fs);
                    } else {
                        FeatureMatrix m = cache != null ? cache.get(ex.get(i).path(), featurizer)
                                : featurizer.compute(ex.get(i).path());
                        m.copyTo(feats, i * fs);
                    }
                }
                return new KwsDataset(ex, y, labels, frontEnd, feats, null, sil, null, mixer, seed, 0);
            }
            float[][] s = new float[n][];
            for (int i = 0; i < n; i++) {
                if (!sil[i]) {
                    s[i] = featurizer.loadSamples(ex.get(i).path());
                }
            }
            return new KwsDataset(ex, y, labels, frontEnd, null, s, sil, aug, mixer, seed, epochSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A view of this data set normalised with the front end's statistics (the arrays are shared).
     *
     * @param withStats front end holding the statistics (same settings otherwise)
     * @return the data set
     */
    public KwsDataset withStatistics(KwsFrontEnd withStats) {
        KwsDataset d = new KwsDataset(examples, labels, classNames, withStats, rawFeatures, samples, silence,
                augmentation, mixer, seed, epochSize);
        return d;
    }

    /**
     * Measures per-coefficient statistics of the unaugmented features (fixed mode only).
     *
     * @return mean and population standard deviation (floored at 1e-5)
     */
    public FeatureStatistics measureStatistics() {
        if (rawFeatures == null) {
            throw new IllegalStateException("statistics are measured on a fixed (unaugmented) data set");
        }
        FeatureStatistics.Accumulator acc = FeatureStatistics.accumulator(frontEnd.coefficients());
        acc.add(rawFeatures, 0, rawFeatures.length / frontEnd.coefficients());
        return acc.toStatistics(1e-5);
    }

    /**
     * The examples, in data-set order (before epoch subsetting).
     *
     * @return the examples
     */
    public List<AudioExample> examples() {
        return examples;
    }

    /**
     * The front end.
     *
     * @return front end whose statistics normalise the output
     */
    public KwsFrontEnd frontEnd() {
        return frontEnd;
    }

    /**
     * Sets the epoch whose augmentation draws (and subset) {@link #copyInput} uses.
     *
     * @param e 0-based epoch
     */
    public void setEpoch(int e) {
        this.epoch = e;
        if (epochSize > 0 && epochSize < examples.size()) {
            int[] order = new int[examples.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            SplittableRandom r = new SplittableRandom(mix(seed, e, -1));
            for (int i = order.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            epochOrder = java.util.Arrays.copyOf(order, epochSize);
        } else {
            epochOrder = null;
        }
    }

    /**
     * A callback that advances the epoch after each training epoch (add it to the Trainer).
     *
     * @return the callback
     */
    public TrainingCallback epochCallback() {
        return new TrainingCallback() {
            @Override
            public void onEpochEnd(EpochResult result) {
                setEpoch(result.epoch()); // 1-based epoch just finished = 0-based index of the next
            }
        };
    }

    @Override
    public int size() {
        return epochOrder != null ? epochOrder.length : examples.size();
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public void copyInput(int index, float[] dst, int offset) {
        int i = epochOrder != null ? epochOrder[index] : index;
        if (rawFeatures != null) {
            System.arraycopy(rawFeatures, i * frameSize, dst, offset, frameSize);
        } else {
            SplittableRandom r = new SplittableRandom(mix(seed, epoch, i));
            if (silence[i]) {
                mixer.silence(work, r);
            } else {
                timeShift.apply(samples[i], work, r);
                if (mixer != null) {
                    mixer.mix(work, work, r);
                }
            }
            rawExtractor.compute(work, 0, work.length, dst, offset);
        }
        if (mean != null) {
            KwsFrontEnd.normalise(dst, offset, shape.dim(1), mean, std);
        }
    }

    @Override
    public int label(int index) {
        return labels[epochOrder != null ? epochOrder[index] : index];
    }

    @Override
    public int numClasses() {
        return classNames.size();
    }

    @Override
    public List<String> labels() {
        return classNames;
    }

    static long mix(long seed, long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L + a * 0xC2B2AE3D27D4EB4FL + b;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
