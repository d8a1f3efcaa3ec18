package org.convkit.text.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.corpora.DataDirectory;
import org.convkit.corpora.TextExample;
import org.convkit.corpora.fetch.CorpusFetcher;
import org.convkit.corpora.fetch.FetchResult;
import org.convkit.corpora.vectors.WordVectorReader;
import org.convkit.corpora.vectors.WordVectors;
import org.convkit.io.AtomicFile;
import org.convkit.io.ConvkitJson;
import org.convkit.text.LabeledTokens;
import org.convkit.text.baseline.LogisticRegressionBaseline;
import org.convkit.text.baseline.LogisticRegressionOptions;
import org.convkit.text.baseline.MaxentBaseline;
import org.convkit.text.baseline.MaxentOptions;
import org.convkit.text.cnn.ClassWeighting;
import org.convkit.text.cnn.EmbeddingMode;
import org.convkit.text.cnn.KimCnn;
import org.convkit.text.cnn.KimCnnTrainer;
import org.convkit.text.cnn.KimTrainingSettings;
import org.convkit.text.data.LabeledTexts;
import org.convkit.text.eval.ClassificationMetrics;
import org.convkit.text.eval.ClassificationReport;
import org.convkit.text.preprocess.TextPreprocessor;
import org.convkit.text.preprocess.TextPreprocessorRuntime;
import org.convkit.train.EarlyStopping;
import org.convkit.train.ProgressPrinter;

/**
 * Runs the four Kim CNN variants and the two bag-of-words baselines on the real datasets that
 * {@code corpora} fetches, each on its own train/test split, and writes the table of test accuracy
 * and macro-F1 as Markdown (with the JSON of every row) to a report file. Rows already in the
 * results file from earlier runs are kept unless re-measured, so datasets can be run one at a time.
 *
 * <pre>
 * TextExperiments [--data-dir DIR] [--datasets reuters-corn,reuters-grain,spam-subject,spam-subject-body]
 *                 [--modes rand,static,nonstatic,multichannel] [--no-baselines] [--epochs N]
 *                 [--patience N] [--max-tokens N] [--maps N] [--seed N] [--monitor accuracy|loss]
 *                 [--class-weights none|balanced] [--variant TEXT] [--results FILE.json] [--report FILE.md]
 * TextExperiments --merge A.json,B.json [--results FILE.json] [--report FILE.md]
 * </pre>
 *
 * {@code --variant TEXT} appends {@code " (TEXT)"} to the CNN rows' method names, so a run with
 * other settings adds rows beside the main ones instead of replacing them. {@code --merge}
 * measures nothing: it adds the rows of other results files (for example of runs
 * made in parallel, one per dataset) to the results file and rewrites the report.
 *
 * The data are fetched through {@link CorpusFetcher} (which verifies a cached copy) into the data
 * directory ({@code --data-dir}, else {@code CONVKIT_DATA}, else {@code ~/.convkit/data}). Text is
 * preprocessed with {@link TextPreprocessor#kim()} for every method, so all see the same tokens.
 */
public final class TextExperiments {

    private static final ObjectMapper JSON = ConvkitJson.mapper();

    /**
     * The experiment's settings.
     *
     * @param dataDirectory the data directory
     * @param datasets      datasets to run
     * @param modes         CNN variants to run
     * @param baselines     whether to run maxent and logistic regression
     * @param epochs        maximum CNN epochs
     * @param patience      early-stopping patience in epochs
     * @param maxTokens     token cap of the CNN input (0: longest training text)
     * @param featureMaps   filters per width
     * @param seed          seed of every random choice
     * @param results       JSON file of all rows (read, merged, rewritten)
     * @param report        Markdown report written from all rows
     * @param command       the command line to print in the report
     * @param merge         results files whose rows are merged in instead of measuring (empty: measure)
     * @param monitor       the validation figure that selects the CNN's best epoch
     * @param variant       text appended to CNN method names, or empty
     */
    public record Options(Path dataDirectory, List<ExperimentDataset> datasets, List<EmbeddingMode> modes,
                          boolean baselines, int epochs, int patience, int maxTokens, int featureMaps, long seed,
                          Path results, Path report, String command, List<Path> merge,
                          EarlyStopping.Monitor monitor, String variant, ClassWeighting classWeighting) {
    }

    private TextExperiments() {
    }

    /**
     * Command-line entry point.
     *
     * @param args see the class comment
     * @throws IOException if a data or report file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        run(args, System.err);
    }

    /**
     * Parses a command line (see the class comment) and runs it, logging progress to {@code log}.
     *
     * @param args the options
     * @param log  where progress and result lines go
     * @throws IOException              if a data or report file cannot be read or written
     * @throws IllegalArgumentException for an unknown option or a bad value, naming it
     */
    public static void run(String[] args, PrintStream log) throws IOException {
        run(parse(args), log);
    }

    /** The command-line synopsis, with the defaults. */
    public static String usage() {
        return """
            usage: convkit text experiments [options]
            Kim CNN (rand, static, non-static, multichannel) beside OpenNLP maxent and logistic regression
            on the real datasets corpora fetches; writes a results JSON and a Markdown report (rows of
            earlier runs are kept unless re-measured).

              --datasets       reuters-corn,reuters-grain,spam-subject,spam-subject-body (default: all)
              --modes          rand,static,nonstatic,multichannel (default: all)
              --no-baselines   skip maxent and logistic regression
              --epochs         most epochs per CNN (default: 25)
              --patience       epochs without a better validation figure before stopping (default: 5)
              --monitor        accuracy or loss: the validation figure that picks the epoch (default: accuracy)
              --max-tokens     tokens the CNN reads per text, 0 = the longest training text (default: 0)
              --maps           feature maps per filter width (default: 100)
              --class-weights  none or balanced (default: none)
              --seed           seed (default: 1)
              --variant        text appended to the CNN rows' names, so they sit beside the main rows
              --results        results JSON (default: experiments.json)
              --report         Markdown report (default: EXPERIMENTS.md)
              --merge          A.json,B.json: measure nothing, merge these results files into --results
              --data-dir       data directory (default: $CONVKIT_DATA or ~/.convkit/data)
            """;
    }

    static Options parse(String[] args) {
        String dataDir = null;
        List<ExperimentDataset> datasets = List.of(ExperimentDataset.values());
        List<EmbeddingMode> modes = List.of(EmbeddingMode.values());
        boolean baselines = true;
        int epochs = 25;
        int patience = 5;
        int maxTokens = 0;
        int maps = 100;
        long seed = 1;
        Path results = Path.of("experiments.json");
        Path report = Path.of("EXPERIMENTS.md");
        List<Path> merge = List.of();
        EarlyStopping.Monitor monitor = EarlyStopping.Monitor.VALIDATION_ACCURACY;
        String variant = "";
        ClassWeighting classWeighting = ClassWeighting.NONE;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-baselines")) {
                baselines = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--data-dir" -> dataDir = v;
                case "--datasets" -> datasets = splitList(v).stream().map(ExperimentDataset::parse).toList();
                case "--modes" -> modes = splitList(v).stream().map(EmbeddingMode::parse).toList();
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--patience" -> patience = Integer.parseInt(v);
                case "--max-tokens" -> maxTokens = Integer.parseInt(v);
                case "--maps" -> maps = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--results" -> results = Path.of(v);
                case "--report" -> report = Path.of(v);
                case "--merge" -> merge = splitList(v).stream().map(Path::of).toList();
                case "--variant" -> variant = v;
                case "--class-weights" -> classWeighting = ClassWeighting.parse(v);
                case "--monitor" -> monitor = switch (v) {
                    case "accuracy" -> EarlyStopping.Monitor.VALIDATION_ACCURACY;
                    case "loss" -> EarlyStopping.Monitor.VALIDATION_LOSS;
                    default -> throw new IllegalArgumentException("--monitor takes accuracy or loss, got " + v);
                };
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new Options(DataDirectory.resolve(dataDir), datasets, modes, baselines, epochs, patience, maxTokens,
            maps, seed, results, report, "TextExperiments " + quoted(args), merge,
            monitor, variant, classWeighting);
    }

    /** The arguments as a shell would need them: single-quoted where they hold white space. */
    static String quoted(String[] args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(a.chars().anyMatch(Character::isWhitespace) ? "'" + a + "'" : a);
        }
        return String.join(" ", out);
    }

    private static List<String> splitList(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /**
     * Runs the experiment and writes the results and report files.
     *
     * @param options the settings
     * @param log     where progress goes
     * @return the rows measured in this run
     * @throws IOException if a file cannot be read or written
     */
    public static List<ExperimentResult> run(Options options, PrintStream log) throws IOException {
        if (!options.merge().isEmpty()) {
            List<ExperimentResult> merged = new ArrayList<>();
            for (Path file : options.merge()) {
                for (ExperimentResult row : JSON.readValue(file.toFile(), new TypeReference<List<ExperimentResult>>() { })) {
                    merged.add(record(options, log, row));
                }
            }
            return merged;
        }
        CorpusFetcher fetcher = new CorpusFetcher(log);
        TextPreprocessorRuntime preprocessor = new TextPreprocessorRuntime(TextPreprocessor.kim());
        Map<ExperimentDataset, List<LabeledTokens>> trains = new LinkedHashMap<>();
        Map<ExperimentDataset, List<LabeledTokens>> tests = new LinkedHashMap<>();
        Map<ExperimentDataset, ObjectNode> provenance = new LinkedHashMap<>();
        for (ExperimentDataset d : options.datasets()) {
            FetchResult fetched = fetcher.fetch(d.fetchName(), options.dataDirectory());
            List<TextExample> train = d.train(fetched.directory());
            List<TextExample> test = d.test(fetched.directory());
            trains.put(d, LabeledTexts.tokenize(train, preprocessor));
            tests.put(d, LabeledTexts.tokenize(test, preprocessor));
            ObjectNode p = JSON.createObjectNode();
            p.put("dataset", d.id());
            p.put("train_file", d.trainFile(fetched.directory()).toString());
            p.put("test_file", d.testFile(fetched.directory()).toString());
            p.set("fetch_notes", JSON.valueToTree(fetched.notes()));
            provenance.put(d, p);
            log.printf(Locale.ROOT, "%s: %d train, %d test examples%n", d.id(), train.size(), test.size());
        }

        WordVectors vectors = null;
        if (options.modes().stream().anyMatch(EmbeddingMode::usesPretrained)) {
            FetchResult glove = fetcher.fetch("glove-100d", options.dataDirectory());
            Set<String> words = new LinkedHashSet<>();
            for (ExperimentDataset d : options.datasets()) {
                words.addAll(KimCnnTrainer.vocabulary(trains.get(d), settings(options)).words());
            }
            long start = System.nanoTime();
            vectors = WordVectorReader.read(glove.files().get("vectors"), WordVectorReader.Format.GLOVE_TEXT, words);
            log.printf(Locale.ROOT, "glove-100d: %s (%.1f s)%n", vectors.coverageSummary(),
                (System.nanoTime() - start) / 1e9);
        }

        List<ExperimentResult> rows = new ArrayList<>();
        for (ExperimentDataset d : options.datasets()) {
            List<LabeledTokens> train = trains.get(d);
            List<LabeledTokens> test = tests.get(d);
            if (options.baselines()) {
                long start = System.nanoTime();
                MaxentBaseline maxent = MaxentBaseline.train(train, MaxentOptions.defaults());
                double seconds = (System.nanoTime() - start) / 1e9;
                rows.add(record(options, log, new ExperimentResult(d.id(), "maxent", train.size(), test.size(),
                    ClassificationMetrics.evaluate(maxent, test), seconds, 0, 0,
                    "OpenNLP DocumentCategorizerME, bag of words, GIS 100 iterations, cutoff 5", options.command())));
                start = System.nanoTime();
                LogisticRegressionBaseline lr = LogisticRegressionBaseline.train(train, LogisticRegressionOptions.defaults());
                seconds = (System.nanoTime() - start) / 1e9;
                rows.add(record(options, log, new ExperimentResult(d.id(), "logistic-regression", train.size(),
                    test.size(), ClassificationMetrics.evaluate(lr, test), seconds, 0, 0,
                    "Smile SparseLogisticRegression, binary bag of words, lambda 0.1", options.command())));
            }
            for (EmbeddingMode mode : options.modes()) {
                KimCnn cnn = KimCnn.kim2014(mode).withEmbeddingDim(100)
                    .withFilters(List.of(3, 4, 5), options.featureMaps());
                KimTrainingSettings settings = settings(options);
                log.printf(Locale.ROOT, "%s %s: training%n", d.id(), mode.displayName());
                long start = System.nanoTime();
                KimCnnTrainer.Result result = KimCnnTrainer.train(train, null, cnn, settings,
                    mode.usesPretrained() ? vectors : null, provenance.get(d), ProgressPrinter.plain(log, 60));
                double seconds = (System.nanoTime() - start) / 1e9;
                ClassificationReport report = ClassificationMetrics.evaluate(result.classifier(), test);
                String described = String.format(Locale.ROOT,
                    "widths 3,4,5 x %d maps, 100-d vectors, dropout 0.5, max-norm 3, batch 50, Adadelta; "
                        + "<= %d epochs, patience %d, best validation %s of 10%% held out; input %d tokens%s",
                    options.featureMaps(), options.epochs(), options.patience(),
                    options.monitor() == EarlyStopping.Monitor.VALIDATION_LOSS ? "loss" : "accuracy",
                    result.classifier().maxTokens(),
                    options.classWeighting() == ClassWeighting.BALANCED ? "; balanced class weights" : "");
                String method = mode.displayName() + (options.variant().isEmpty() ? "" : " (" + options.variant() + ")");
                rows.add(record(options, log, new ExperimentResult(d.id(), method, train.size(),
                    test.size(), report, seconds, result.history().epochs().size(), result.history().bestEpoch(),
                    described, options.command())));
            }
        }
        return rows;
    }

    private static KimTrainingSettings settings(Options options) {
        return KimTrainingSettings.kim2014(options.seed()).withEpochs(options.epochs())
            .withPatience(options.patience()).withMaxTokens(options.maxTokens()).withMonitor(options.monitor())
            .withClassWeighting(options.classWeighting());
    }

    /** Prints a row, merges it into the results file and rewrites the report. */
    private static ExperimentResult record(Options options, PrintStream log, ExperimentResult row) throws IOException {
        log.printf(Locale.ROOT, "RESULT %s %s: accuracy %.4f, macro-F1 %.4f (%.1f s)%n", row.dataset(), row.method(),
            row.report().accuracy(), row.report().macroF1(), row.trainSeconds());
        List<ExperimentResult> all = new ArrayList<>();
        if (Files.isRegularFile(options.results())) {
            all.addAll(JSON.readValue(options.results().toFile(), new TypeReference<List<ExperimentResult>>() { }));
        }
        all.removeIf(r -> r.dataset().equals(row.dataset()) && r.method().equals(row.method()));
        all.add(row);
        all.sort(ExperimentReport.ORDER);
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(all);
        AtomicFile.write(options.results(), out -> out.write(json));
        String kept = Files.isRegularFile(options.report())
            ? ExperimentReport.handWritten(Files.readString(options.report(), StandardCharsets.UTF_8)) : "";
        byte[] md = ExperimentReport.markdown(all, kept).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(options.report(), out -> out.write(md));
        return row;
    }
}
