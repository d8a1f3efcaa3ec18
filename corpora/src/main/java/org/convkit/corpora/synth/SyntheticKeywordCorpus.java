package org.convkit.corpora.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.convkit.corpora.AudioExample;
import org.convkit.corpora.Checksums;
import org.convkit.corpora.CorpusStats;
import org.convkit.corpora.ExternalTool;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextLines;
import org.convkit.corpora.speech.SpeechCommandsCorpus;
import org.convkit.corpora.speech.WavFile;
import org.convkit.corpora.speech.WavFormat;

/**
 * Builds the synthetic keyword corpus: each chosen speaker (an espeak-ng voice with a variant, or a
 * flite voice) says each word once per speed and pitch; each result is resampled to 16 kHz, cut to its
 * spoken part, placed in exactly one second with a small random offset from the centre, scaled to a
 * random peak level and given a faint noise floor, and written as 16-bit mono PCM. Whole voice groups
 * are assigned to validation and test, so no voice crosses splits. The output is in Speech Commands
 * layout ({@code <word>/<speaker>_nohash_<n>.wav}, {@code _background_noise_/} with white, pink and
 * brown noise, {@code validation_list.txt}, {@code testing_list.txt}) plus {@code speakers.tsv}
 * naming each speaker's voice, so {@link SpeechCommandsCorpus} reads it like the real dataset.
 *
 * <p>The corpus is built in a temporary sibling directory and renamed into place when complete; a
 * marker file records the settings hash, and a later build with the same settings reuses the directory.
 */
public final class SyntheticKeywordCorpus {

    /** The marker written last into a finished corpus. */
    public static final String MARKER = ".convkit-synthetic.json";
    /** The speaker table. */
    public static final String SPEAKERS_FILE = "speakers.tsv";

    private final SyntheticCorpusSettings settings;
    private final PrintStream progress;

    /**
     * A builder for the given settings.
     *
     * @param settings what to build
     * @param progress where to report progress, or null for silence
     */
    public SyntheticKeywordCorpus(SyntheticCorpusSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Builds the corpus, or reuses the output directory if it holds a finished build with the same settings.
     *
     * @return what was built
     * @throws ExternalTool.ToolException if a TTS program is missing (naming the package to install) or fails
     * @throws IllegalStateException      if the output directory exists but holds something else
     */
    public SyntheticCorpusReport build() {
        Path out = settings.outputDirectory().toAbsolutePath().normalize();
        String hash = settings.contentHash();
        if (Files.exists(out)) {
            return cached(out, hash);
        }
        long started = System.nanoTime();
        List<SpeechEngine> engines = engines();
        Map<String, String> tools = new TreeMap<>();
        for (SpeechEngine engine : engines) {
            tools.put(engine.name(), engine.version());
        }
        List<SyntheticSpeaker> speakers = chooseSpeakers(engines);
        Map<String, Split> splitOfGroup = assignSplits(speakers);
        Path tmp = out.resolveSibling("." + out.getFileName() + ".building-" + hash.substring(0, 12));
        try {
            if (Files.exists(tmp)) {
                deleteTree(tmp); // left over by an interrupted build of the same settings
            }
            Files.createDirectories(tmp);
            int truncated = synthesise(engines, speakers, tmp);
            writeNoise(tmp);
            writeListsAndSpeakers(tmp, speakers, splitOfGroup);
            int clips = speakers.size() * settings.words().size() * renditions();
            double seconds = (System.nanoTime() - started) / 1e9;
            writeReadme(tmp, speakers, clips, tools);
            writeMarker(tmp, hash, tools, clips, speakers.size(), truncated, seconds);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            CorpusStats stats = stats(out);
            if (stats.labels().total() != clips) {
                throw new IllegalStateException("the built corpus has " + stats.labels().total() + " clips, expected " + clips);
            }
            return new SyntheticCorpusReport(out, false, hash, clips, speakers.size(), truncated, seconds, tools, stats);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the synthetic corpus in " + tmp, e);
        } catch (RuntimeException e) {
            try {
                if (Files.exists(tmp)) {
                    deleteTree(tmp);
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private SyntheticCorpusReport cached(Path out, String hash) {
        Path marker = out.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            throw new IllegalStateException(out + " exists but is not a finished synthetic corpus (no " + MARKER
                + "); remove it or choose another output directory");
        }
        try {
            JsonNode node = SyntheticCorpusSettings.jsonMapper().readTree(marker.toFile());
            if (!hash.equals(node.path("contentHash").asText())) {
                throw new IllegalStateException(out + " holds a synthetic corpus built with other settings (hash "
                    + node.path("contentHash").asText().substring(0, Math.min(12, node.path("contentHash").asText().length()))
                    + ", wanted " + hash.substring(0, 12) + "); remove it or choose another output directory");
            }
            CorpusStats stats = stats(out);
            int clips = node.path("clips").asInt();
            if (stats.labels().total() != clips) {
                throw new IllegalStateException(out + " should hold " + clips + " clips but has "
                    + stats.labels().total() + "; remove it to rebuild");
            }
            Map<String, String> tools = new TreeMap<>();
            node.path("tools").fields().forEachRemaining(e -> tools.put(e.getKey(), e.getValue().asText()));
            return new SyntheticCorpusReport(out, true, hash, clips, node.path("speakers").asInt(),
                node.path("truncatedClips").asInt(), node.path("buildSeconds").asDouble(), tools, stats);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker, e);
        }
    }

    /**
     * Counts a synthetic (or any Speech Commands) corpus per word, voice and split, reading every clip header.
     *
     * @param directory the corpus
     * @return the counts; voices are named from {@code speakers.tsv} when present
     */
    public static CorpusStats stats(Path directory) {
        SpeechCommandsCorpus corpus = SpeechCommandsCorpus.open(directory);
        try (Stream<AudioExample> examples = corpus.examples()) {
            return CorpusStats.ofAudio(examples, speakerNames(directory));
        }
    }

    /**
     * Reads {@code speakers.tsv}: speaker id to voice description.
     *
     * @param directory the corpus
     * @return the table, empty if the file is absent
     */
    public static Map<String, String> speakerNames(Path directory) {
        Path file = directory.resolve(SPEAKERS_FILE);
        Map<String, String> names = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return names;
        }
        try (Stream<TextLines.Line> lines = TextLines.of(file, StandardCharsets.UTF_8)) {
            lines.skip(1).forEach(line -> {
                String[] f = line.text().split("\t", -1);
                if (f.length != 5) {
                    throw line.error("expected 5 tab-separated columns (speaker, engine, voice, variant, split)");
                }
                names.put(f[0], f[1] + " " + f[2] + (f[3].isEmpty() ? "" : "+" + f[3]));
            });
        }
        return names;
    }

    private List<SpeechEngine> engines() {
        List<SpeechEngine> engines = new ArrayList<>();
        for (String name : settings.engines()) {
            SpeechEngine engine = name.equals(EspeakNg.NAME) ? new EspeakNg() : new Flite();
            ExternalTool tool = name.equals(EspeakNg.NAME) ? EspeakNg.TOOL : Flite.TOOL;
            if (!tool.isAvailable("--version")) {
                throw new ExternalTool.ToolException(tool.program() + " not found: " + tool.installHint(), null);
            }
            engines.add(engine);
        }
        return engines;
    }

    List<SyntheticSpeaker> chooseSpeakers(List<SpeechEngine> engines) {
        List<SyntheticSpeaker> flite = new ArrayList<>();
        List<SyntheticSpeaker> others = new ArrayList<>();
        for (SpeechEngine engine : engines) {
            for (SyntheticSpeaker s : engine.speakers()) {
                (s.engine().equals(Flite.NAME) ? flite : others).add(s);
            }
        }
        List<SyntheticSpeaker> all = new ArrayList<>(flite);
        all.addAll(others);
        if (all.isEmpty()) {
            throw new IllegalStateException("the TTS programs offer no English voice");
        }
        int wanted = settings.speakers();
        List<SyntheticSpeaker> chosen;
        SplittableRandom random = new SplittableRandom(mix("speakers"));
        if (wanted == 0 || wanted >= all.size()) {
            chosen = all;
        } else if (!flite.isEmpty() && !others.isEmpty() && wanted > flite.size()) {
            // flite has few voices: keep them all and sample the espeak-ng voice x variant grid
            chosen = new ArrayList<>(flite);
            chosen.addAll(sample(others, wanted - flite.size(), random));
        } else {
            chosen = sample(all, wanted, random);
        }
        chosen = new ArrayList<>(chosen);
        chosen.sort((a, b) -> a.description().compareTo(b.description()));
        Set<String> ids = new HashSet<>();
        for (SyntheticSpeaker s : chosen) {
            if (!ids.add(s.id())) {
                throw new IllegalStateException("two speakers share the id " + s.id() + "; one is " + s.description());
            }
        }
        return chosen;
    }

    private static List<SyntheticSpeaker> sample(List<SyntheticSpeaker> from, int n, SplittableRandom random) {
        List<SyntheticSpeaker> copy = new ArrayList<>(from);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy.subList(0, n);
    }

    Map<String, Split> assignSplits(List<SyntheticSpeaker> speakers) {
        List<String> groups = new ArrayList<>(new TreeSet<>(speakers.stream().map(SyntheticSpeaker::group).toList()));
        SplittableRandom random = new SplittableRandom(mix("splits"));
        for (int i = groups.size() - 1; i > 0; i--) {
            Collections.swap(groups, i, random.nextInt(i + 1));
        }
        int g = groups.size();
        int validation = (int) Math.round(g * settings.validationFraction());
        int test = (int) Math.round(g * settings.testFraction());
        if (g >= 3) {
            validation = settings.validationFraction() > 0 ? Math.max(1, validation) : 0;
            test = settings.testFraction() > 0 ? Math.max(1, test) : 0;
        }
        if (validation + test >= g) {
            throw new IllegalStateException(g + " voice groups are too few for validation " + validation + " and test "
                + test + " groups with any left for training; use more speakers");
        }
        Map<String, Split> split = new LinkedHashMap<>();
        for (int i = 0; i < g; i++) {
            split.put(groups.get(i), i < validation ? Split.VALIDATION : i < validation + test ? Split.TEST : Split.TRAIN);
        }
        return split;
    }

    private int renditions() {
        return settings.speeds().size() * settings.pitches().size();
    }

    private int synthesise(List<SpeechEngine> engines, List<SyntheticSpeaker> speakers, Path dir) throws IOException {
        for (String word : settings.words()) {
            Files.createDirectories(dir.resolve(word));
        }
        Path scratch = Files.createDirectories(dir.resolve(".scratch"));
        Map<String, SpeechEngine> byName = new LinkedHashMap<>();
        engines.forEach(e -> byName.put(e.name(), e));
        ClipShaper shaper = new ClipShaper(WavFormat.SPEECH_COMMANDS_RATE,
            (int) Math.round(settings.maxOffsetMs() * WavFormat.SPEECH_COMMANDS_RATE / 1000.0),
            settings.peakDbfsMin(), settings.peakDbfsMax(), settings.noiseFloorDbfs());
        Map<Integer, Resampler> resamplers = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger truncated = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int total = speakers.size() * settings.words().size();
        Duration timeout = Duration.ofSeconds(settings.timeoutSeconds());
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (SyntheticSpeaker speaker : speakers) {
                for (String word : settings.words()) {
                    jobs.add(pool.submit(() -> {
                        for (int r = 0; r < renditions(); r++) {
                            double speed = settings.speeds().get(r / settings.pitches().size());
                            double pitch = settings.pitches().get(r % settings.pitches().size());
                            String name = speaker.id() + "_nohash_" + r + ".wav";
                            Path raw = scratch.resolve(word + "-" + name);
                            byName.get(speaker.engine()).speak(word, speaker, speed, pitch, raw, timeout);
                            WavFile.MonoAudio audio = WavFile.readMono(raw);
                            float[] samples = audio.samples();
                            if (audio.sampleRate() != WavFormat.SPEECH_COMMANDS_RATE) {
                                samples = resamplers.computeIfAbsent(audio.sampleRate(),
                                    rate -> new Resampler(rate, WavFormat.SPEECH_COMMANDS_RATE)).apply(samples);
                            }
                            ClipShaper.Shaped clip = shaper.shape(samples, new SplittableRandom(mix(word, speaker.id(), r)));
                            if (clip == null) {
                                throw new IllegalStateException(speaker.description() + " produced silence for '" + word + "'");
                            }
                            if (clip.truncated()) {
                                truncated.incrementAndGet();
                            }
                            WavFile.writePcm16(dir.resolve(word).resolve(name), clip.samples(), WavFormat.SPEECH_COMMANDS_RATE);
                            Files.delete(raw);
                        }
                        int n = done.incrementAndGet();
                        if (progress != null && (n % 100 == 0 || n == total)) {
                            progress.printf("synthesised %d/%d speaker-word pairs%n", n, total);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> job : jobs) {
                try {
                    job.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof IOException io) {
                        throw new UncheckedIOException(io);
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        deleteTree(scratch);
        return truncated.get();
    }

    private void writeNoise(Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(SpeechCommandsCorpus.BACKGROUND_NOISE));
        int samples = (int) Math.round(settings.noiseSeconds() * WavFormat.SPEECH_COMMANDS_RATE);
        for (NoiseColour colour : settings.noises()) {
            float[] noise = colour.generate(samples, settings.noiseRmsDbfs(), new SplittableRandom(mix("noise", colour.name())));
            WavFile.writePcm16(folder.resolve(colour.fileName()), noise, WavFormat.SPEECH_COMMANDS_RATE);
        }
    }

    private void writeListsAndSpeakers(Path dir, List<SyntheticSpeaker> speakers, Map<String, Split> splitOfGroup)
        throws IOException {
        List<String> validation = new ArrayList<>();
        List<String> testing = new ArrayList<>();
        StringBuilder table = new StringBuilder("speaker\tengine\tvoice\tvariant\tsplit\n");
        List<SyntheticSpeaker> byId = new ArrayList<>(speakers);
        byId.sort((a, b) -> a.id().compareTo(b.id()));
        for (SyntheticSpeaker s : byId) {
            Split split = splitOfGroup.get(s.group());
            table.append(s.id()).append('\t').append(s.engine()).append('\t').append(s.voice()).append('\t')
                .append(s.variant()).append('\t').append(split.label()).append('\n');
            for (String word : settings.words()) {
                for (int r = 0; r < renditions(); r++) {
                    String entry = word + "/" + s.id() + "_nohash_" + r + ".wav";
                    if (split == Split.VALIDATION) {
                        validation.add(entry);
                    } else if (split == Split.TEST) {
                        testing.add(entry);
                    }
                }
            }
        }
        Collections.sort(validation);
        Collections.sort(testing);
        Files.writeString(dir.resolve(SpeechCommandsCorpus.VALIDATION_LIST), join(validation));
        Files.writeString(dir.resolve(SpeechCommandsCorpus.TESTING_LIST), join(testing));
        Files.writeString(dir.resolve(SPEAKERS_FILE), table);
    }

    private static String join(List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

    private void writeReadme(Path dir, List<SyntheticSpeaker> speakers, int clips, Map<String, String> tools) throws IOException {
        String text = "Synthetic keyword corpus made by convkit (org.convkit.corpora.synth.SyntheticKeywordCorpus).\n"
            + "Layout and format as Google Speech Commands: one folder per word, 1 s clips, 16 kHz mono 16-bit PCM,\n"
            + "_background_noise_/ with " + settings.noises() + " noise, validation_list.txt and testing_list.txt.\n"
            + "Words: " + settings.words() + "\n"
            + "Speakers: " + speakers.size() + " (see speakers.tsv; whole voices are assigned to one split)\n"
            + "Renditions per speaker and word: speeds " + settings.speeds() + " x pitches " + settings.pitches() + "\n"
            + "Clips: " + clips + "; seed " + settings.seed() + "\n"
            + "Tools: " + tools + "\n";
        Files.writeString(dir.resolve("README.txt"), text);
    }

    private void writeMarker(Path dir, String hash, Map<String, String> tools, int clips, int speakers, int truncated,
                             double seconds) throws IOException {
        ObjectMapper mapper = SyntheticCorpusSettings.jsonMapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("contentHash", hash);
        node.set("settings", mapper.valueToTree(settings));
        node.set("tools", mapper.valueToTree(tools));
        node.put("clips", clips);
        node.put("speakers", speakers);
        node.put("truncatedClips", truncated);
        node.put("buildSeconds", Math.round(seconds * 10) / 10.0);
        Files.writeString(dir.resolve(MARKER), mapper.writeValueAsString(node));
    }

    /** A 64-bit seed for one random choice, from the settings seed and the choice's name. */
    private long mix(Object... parts) {
        StringBuilder key = new StringBuilder(Long.toString(settings.seed()));
        for (Object p : parts) {
            key.append('/').append(p);
        }
        byte[] digest = Checksums.newDigest("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest).getLong();
    }

    static void deleteTree(Path root) throws IOException {
        org.convkit.corpora.fetch.CorpusFetcher.deleteTree(root);
    }
}
