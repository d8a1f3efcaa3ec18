package org.convkit.corpora;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.convkit.corpora.fetch.CorpusFetcher;
import org.convkit.corpora.speech.SpeechCommandsCorpus;
import org.convkit.corpora.synth.SyntheticCorpusReport;
import org.convkit.corpora.synth.SyntheticCorpusSettings;
import org.convkit.corpora.synth.SyntheticKeywordCorpus;

/**
 * Command-line entry point of the corpora module (the {@code convkit corpus} commands delegate here).
 * Reads no standard input.
 *
 * <pre>
 * CorporaMain [--data-dir DIR] synth [--out DIR] [--words a,b,c] [--speakers N] [--seed N] [--threads N]
 * CorporaMain [--data-dir DIR] fetch NAME        NAME: reuters | spamassassin | glove-100d
 * CorporaMain stats DIR                          counts of a Speech Commands-layout directory
 * </pre>
 *
 * The data directory defaults to {@code $CONVKIT_DATA} or {@code ~/.convkit/data}. {@code synth}
 * writes to {@code <data dir>/synthetic-keywords-<settings hash>} unless {@code --out} is given.
 */
public final class CorporaMain {

    private CorporaMain() {
    }

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command.
     *
     * @param args the command line
     * @param out  where results go
     * @param err  where progress and errors go
     * @return 0 on success, 1 on failure, 2 on a usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String dataDirOption = null;
        try {
            dataDirOption = takeOption(rest, "--data-dir");
            if (rest.isEmpty()) {
                usage(err);
                return 2;
            }
            String command = rest.remove(0);
            Path dataDir = DataDirectory.resolve(dataDirOption);
            switch (command) {
                case "synth" -> {
                    String outDir = takeOption(rest, "--out");
                    String words = takeOption(rest, "--words");
                    String speakers = takeOption(rest, "--speakers");
                    String seed = takeOption(rest, "--seed");
                    String threads = takeOption(rest, "--threads");
                    requireEmpty(rest);
                    SyntheticCorpusSettings settings = SyntheticCorpusSettings.defaults(dataDir.resolve("synthetic-keywords"));
                    if (words != null) {
                        settings = settings.withWords(List.of(words.split(",")));
                    }
                    if (speakers != null) {
                        settings = settings.withSpeakers(Integer.parseInt(speakers));
                    }
                    if (seed != null) {
                        settings = settings.withSeed(Long.parseLong(seed));
                    }
                    if (threads != null) {
                        SyntheticCorpusSettings s = settings;
                        settings = new SyntheticCorpusSettings(s.words(), s.seed(), s.outputDirectory(), s.speakers(),
                            s.engines(), s.speeds(), s.pitches(), s.validationFraction(), s.testFraction(), s.maxOffsetMs(),
                            s.peakDbfsMin(), s.peakDbfsMax(), s.noiseFloorDbfs(), s.noises(), s.noiseSeconds(),
                            s.noiseRmsDbfs(), Integer.parseInt(threads), s.timeoutSeconds());
                    }
                    Path target = outDir != null ? Path.of(outDir)
                        : dataDir.resolve("synthetic-keywords-" + settings.contentHash().substring(0, 12));
                    settings = settings.withOutputDirectory(target);
                    SyntheticCorpusReport report = new SyntheticKeywordCorpus(settings, err).build();
                    report.print(out);
                }
                case "fetch" -> {
                    if (rest.size() != 1) {
                        err.println("fetch needs one dataset name: " + CorpusFetcher.DATASETS);
                        return 2;
                    }
                    new CorpusFetcher(err).fetch(rest.get(0), dataDir).print(out);
                }
                case "stats" -> {
                    if (rest.size() != 1) {
                        err.println("stats needs one directory in Speech Commands layout");
                        return 2;
                    }
                    Path dir = Path.of(rest.get(0));
                    SpeechCommandsCorpus corpus = SpeechCommandsCorpus.open(dir);
                    out.printf("%s: %d words, splits from %s%n", dir, corpus.words().size(),
                        corpus.hasSplitLists() ? "validation_list.txt / testing_list.txt" : "the which_set hash rule");
                    out.printf("background noise files: %d%n", corpus.backgroundNoiseFiles().size());
                    CorpusStats stats;
                    try (Stream<AudioExample> examples = corpus.examples()) {
                        stats = CorpusStats.ofAudio(examples, SyntheticKeywordCorpus.speakerNames(dir));
                    }
                    stats.print(out);
                    if (!Files.isRegularFile(dir.resolve(SyntheticKeywordCorpus.SPEAKERS_FILE))) {
                        out.println("(no speakers.tsv: voices unknown)");
                    }
                }
                default -> {
                    err.println("unknown command '" + command + "'");
                    usage(err);
                    return 2;
                }
            }
            return 0;
        } catch (UsageException | NumberFormatException e) {
            err.println(e.getMessage());
            usage(err);
            return 2;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static void usage(PrintStream err) {
        err.println("usage: CorporaMain [--data-dir DIR] synth [--out DIR] [--words a,b,c] [--speakers N, 0 = all] [--seed N] [--threads 1|2]");
        err.println("       CorporaMain [--data-dir DIR] fetch NAME    (NAME: " + String.join(", ", CorpusFetcher.DATASETS) + ")");
        err.println("       CorporaMain stats DIR");
    }

    private static String takeOption(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(name + " needs a value");
        }
        String value = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return value;
    }

    private static void requireEmpty(List<String> args) {
        if (!args.isEmpty()) {
            throw new UsageException("unexpected arguments " + args);
        }
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
