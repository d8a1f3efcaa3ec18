package org.convkit.corpora.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.convkit.corpora.Checksums;

/**
 * What the synthetic keyword corpus contains and how it is made. Every random choice is fixed by
 * {@link #seed}; given the same installed voices, the same settings give the same corpus.
 *
 * @param words              the words to speak; each becomes a folder (letters, apostrophes and hyphens only)
 * @param seed               fixes the speaker sample, the split of voices, offsets, levels and noise
 * @param outputDirectory    where the corpus is written (not part of the cache key)
 * @param speakers           how many speakers (engine voice + variant) to use; 0 means every one available
 * @param engines            the programs to use: {@code espeak-ng} and/or {@code flite}
 * @param speeds             speaking-rate factors, 1 = the engine's default (espeak-ng: {@code -s 175*f} words
 *                           per minute; flite: {@code duration_stretch = 1/f})
 * @param pitches            pitch factors, 1 = the voice's default (espeak-ng: {@code -p 50*f}, clamped to 0..99;
 *                           flite: {@code f0_shift = f}, which the {@code rms} voice ignores); each speaker says
 *                           each word once per speed and pitch combination
 * @param validationFraction share of voices held out for validation (default 0.1)
 * @param testFraction       share of voices held out for test (default 0.1)
 * @param maxOffsetMs        largest random shift of the word from the centre of the 1 s clip, in ms (default 100)
 * @param peakDbfsMin        lowest peak level of a clip, dB relative to full scale (default -12)
 * @param peakDbfsMax        highest peak level, dBFS (default -1)
 * @param noiseFloorDbfs     RMS of the Gaussian noise floor added to every clip, dBFS (default -70; -120 or
 *                           lower adds none)
 * @param noises             background noise files to write into {@code _background_noise_}
 * @param noiseSeconds       length of each background noise file, in seconds (default 60)
 * @param noiseRmsDbfs       RMS level of the background noise files, dBFS (default -20)
 * @param threads            synthesis processes run at once, 1 or 2 (not part of the cache key)
 * @param timeoutSeconds     how long one synthesis may take before it is killed (not part of the cache key)
 */
public record SyntheticCorpusSettings(List<String> words, long seed, Path outputDirectory, int speakers,
                                      List<String> engines, List<Double> speeds, List<Double> pitches,
                                      double validationFraction, double testFraction, double maxOffsetMs,
                                      double peakDbfsMin, double peakDbfsMax, double noiseFloorDbfs,
                                      List<NoiseColour> noises, double noiseSeconds, double noiseRmsDbfs,
                                      int threads, int timeoutSeconds) {

    /** The ten keywords of the 12-class task. */
    public static final List<String> KEYWORDS =
        List.of("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go");
    /** Other Speech Commands words, spoken so that the {@code _unknown_} class has examples. */
    public static final List<String> FILLER_WORDS =
        List.of("house", "bed", "cat", "dog", "bird", "tree", "happy", "wow", "marvin", "sheila");
    /** The engines convkit knows. */
    public static final List<String> KNOWN_ENGINES = List.of(EspeakNg.NAME, Flite.NAME);

    /**
     * Version of the generating code, part of the cache key: raise it whenever a change to the builder
     * changes the audio it writes, so an old cache is not taken for the new output.
     */
    public static final int GENERATOR_VERSION = 1;

    private static final Pattern WORD = Pattern.compile("[a-z][a-z'-]*");

    /** Validates every field. */
    public SyntheticCorpusSettings {
        words = List.copyOf(words);
        engines = List.copyOf(engines);
        speeds = List.copyOf(speeds);
        pitches = List.copyOf(pitches);
        noises = List.copyOf(noises);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        if (words.isEmpty() || words.stream().distinct().count() != words.size()) {
            throw new IllegalArgumentException("words must be a non-empty list without repeats: " + words);
        }
        for (String w : words) {
            if (!WORD.matcher(w).matches()) {
                throw new IllegalArgumentException("word '" + w + "' must be lower-case letters (apostrophes and hyphens allowed)");
            }
        }
        if (speakers < 0) {
            throw new IllegalArgumentException("speakers must be >= 0 (0 = all), got " + speakers);
        }
        if (engines.isEmpty() || !KNOWN_ENGINES.containsAll(engines) || engines.stream().distinct().count() != engines.size()) {
            throw new IllegalArgumentException("engines must be distinct names from " + KNOWN_ENGINES + ", got " + engines);
        }
        if (speeds.isEmpty() || speeds.stream().anyMatch(s -> !(s >= 0.5 && s <= 2.0))) {
            throw new IllegalArgumentException("speeds must be factors in [0.5, 2], got " + speeds);
        }
        if (pitches.isEmpty() || pitches.stream().anyMatch(p -> !(p >= 0.5 && p <= 2.0))) {
            throw new IllegalArgumentException("pitches must be factors in [0.5, 2], got " + pitches);
        }
        if (!(validationFraction >= 0) || !(testFraction >= 0) || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("validation and test fractions must be >= 0 and sum to less than 1, got "
                + validationFraction + " and " + testFraction);
        }
        if (!(maxOffsetMs >= 0 && maxOffsetMs <= 400)) {
            throw new IllegalArgumentException("maxOffsetMs must be in [0, 400], got " + maxOffsetMs);
        }
        if (!(peakDbfsMin <= peakDbfsMax && peakDbfsMax <= 0 && peakDbfsMin >= -60)) {
            throw new IllegalArgumentException("need -60 <= peakDbfsMin <= peakDbfsMax <= 0, got " + peakDbfsMin + ", " + peakDbfsMax);
        }
        if (!(noiseFloorDbfs <= -20) || Double.isInfinite(noiseFloorDbfs)) {
            throw new IllegalArgumentException("noiseFloorDbfs must be a finite value <= -20 (-120 or lower: none), got " + noiseFloorDbfs);
        }
        if (!(noiseSeconds >= 1 && noiseSeconds <= 600)) {
            throw new IllegalArgumentException("noiseSeconds must be in [1, 600], got " + noiseSeconds);
        }
        if (!(noiseRmsDbfs <= -3 && noiseRmsDbfs >= -60)) {
            throw new IllegalArgumentException("noiseRmsDbfs must be in [-60, -3], got " + noiseRmsDbfs);
        }
        if (threads < 1 || threads > 2) {
            throw new IllegalArgumentException("threads must be 1 or 2, got " + threads);
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds must be positive, got " + timeoutSeconds);
        }
    }

    /**
     * The demo and test default: the ten keywords plus ten filler words, 60 speakers from both engines,
     * speeds 0.85 and 1.15, pitches 0.9 and 1.15 (4 clips per speaker and word), 10 % of voices each for
     * validation and test, white, pink and brown background noise, seed 2018, two processes.
     *
     * @param outputDirectory where the corpus goes
     * @return the settings
     */
    public static SyntheticCorpusSettings defaults(Path outputDirectory) {
        List<String> words = new java.util.ArrayList<>(KEYWORDS);
        words.addAll(FILLER_WORDS);
        return new SyntheticCorpusSettings(words, 2018, outputDirectory, 60, KNOWN_ENGINES,
            List.of(0.85, 1.15), List.of(0.9, 1.15), 0.1, 0.1, 100, -12, -1, -70,
            List.of(NoiseColour.WHITE, NoiseColour.PINK, NoiseColour.BROWN), 60, -20, 2, 30);
    }

    /**
     * The same settings with other words.
     *
     * @param newWords the words
     * @return the changed settings
     */
    public SyntheticCorpusSettings withWords(List<String> newWords) {
        return new SyntheticCorpusSettings(newWords, seed, outputDirectory, speakers, engines, speeds, pitches,
            validationFraction, testFraction, maxOffsetMs, peakDbfsMin, peakDbfsMax, noiseFloorDbfs, noises,
            noiseSeconds, noiseRmsDbfs, threads, timeoutSeconds);
    }

    /**
     * The same settings with another number of speakers.
     *
     * @param newSpeakers the count, 0 for all
     * @return the changed settings
     */
    public SyntheticCorpusSettings withSpeakers(int newSpeakers) {
        return new SyntheticCorpusSettings(words, seed, outputDirectory, newSpeakers, engines, speeds, pitches,
            validationFraction, testFraction, maxOffsetMs, peakDbfsMin, peakDbfsMax, noiseFloorDbfs, noises,
            noiseSeconds, noiseRmsDbfs, threads, timeoutSeconds);
    }

    /**
     * The same settings with another seed.
     *
     * @param newSeed the seed
     * @return the changed settings
     */
    public SyntheticCorpusSettings withSeed(long newSeed) {
        return new SyntheticCorpusSettings(words, newSeed, outputDirectory, speakers, engines, speeds, pitches,
            validationFraction, testFraction, maxOffsetMs, peakDbfsMin, peakDbfsMax, noiseFloorDbfs, noises,
            noiseSeconds, noiseRmsDbfs, threads, timeoutSeconds);
    }

    /**
     * The same settings writing elsewhere.
     *
     * @param directory the output directory
     * @return the changed settings
     */
    public SyntheticCorpusSettings withOutputDirectory(Path directory) {
        return new SyntheticCorpusSettings(words, seed, directory, speakers, engines, speeds, pitches,
            validationFraction, testFraction, maxOffsetMs, peakDbfsMin, peakDbfsMax, noiseFloorDbfs, noises,
            noiseSeconds, noiseRmsDbfs, threads, timeoutSeconds);
    }

    /**
     * The same settings with other speeds, pitches, engines and background noise length.
     *
     * @param newEngines      the engines
     * @param newSpeeds       the speed factors
     * @param newPitches      the pitch factors
     * @param newNoiseSeconds the background noise length in seconds
     * @return the changed settings
     */
    public SyntheticCorpusSettings withVoicing(List<String> newEngines, List<Double> newSpeeds, List<Double> newPitches,
                                               double newNoiseSeconds) {
        return new SyntheticCorpusSettings(words, seed, outputDirectory, speakers, newEngines, newSpeeds, newPitches,
            validationFraction, testFraction, maxOffsetMs, peakDbfsMin, peakDbfsMax, noiseFloorDbfs, noises,
            newNoiseSeconds, noiseRmsDbfs, threads, timeoutSeconds);
    }

    /**
     * The cache key: SHA-256 of the settings as JSON with sorted keys plus {@link #GENERATOR_VERSION},
     * leaving out the output directory, the thread count and the timeout, which do not change the content.
     *
     * @return 64 hex digits
     */
    public String contentHash() {
        ObjectNode node = jsonMapper().valueToTree(this);
        node.remove("outputDirectory");
        node.remove("threads");
        node.remove("timeoutSeconds");
        node.put("generatorVersion", GENERATOR_VERSION);
        try {
            return Checksums.sha256(jsonMapper().writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectMapper jsonMapper() {
        return JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    }
}
