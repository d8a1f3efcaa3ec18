package org.convkit.cli;

import org.convkit.audio.features.FeatureMatrix;
import org.convkit.audio.features.FeatureSettings;
import org.convkit.audio.features.LogMelSpectrogram;
import org.convkit.audio.kws.KwsCorpus;
import org.convkit.audio.kws.KwsTrainer;
import org.convkit.audio.kws.KwsTrainingResult;
import org.convkit.audio.kws.KwsTrainingSettings;
import org.convkit.audio.stream.Detection;
import org.convkit.audio.stream.OperatingPoint;
import org.convkit.audio.stream.SpotterSettings;
import org.convkit.audio.stream.StreamingEvaluation;
import org.convkit.audio.stream.StreamingReport;
import org.convkit.audio.stream.TestRecording;
import org.convkit.cli.report.Charts;
import org.convkit.cli.report.HtmlReport;
import org.convkit.corpora.DataDirectory;
import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;
import org.convkit.corpora.intents.VoiceCommandIntents;
import org.convkit.corpora.synth.SyntheticCorpusReport;
import org.convkit.corpora.synth.SyntheticCorpusSettings;
import org.convkit.corpora.synth.SyntheticKeywordCorpus;
import org.convkit.text.LabeledTokens;
import org.convkit.text.Prediction;
import org.convkit.text.cnn.EmbeddingMode;
import org.convkit.text.cnn.KimClassifier;
import org.convkit.text.cnn.KimCnn;
import org.convkit.text.cnn.KimCnnTrainer;
import org.convkit.text.cnn.KimTrainingSettings;
import org.convkit.text.data.LabeledTexts;
import org.convkit.text.eval.ClassificationMetrics;
import org.convkit.text.eval.ClassificationReport;
import org.convkit.text.preprocess.TextPreprocessorRuntime;
import org.convkit.train.EpochResult;
import org.convkit.train.ProgressPrinter;
import org.convkit.train.TrainingHistory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code convkit demo}: the whole toolkit on built-in defaults. Builds (once, cached) the synthetic
 * keyword corpus, trains a small keyword model for a few minutes, evaluates it on held-out voices,
 * runs the streaming spotter over a long generated recording with keywords at known times, trains
 * Kim's CNN on generated voice-command intents, writes a report (PNG + HTML), and classifies a few
 * example commands.
 */
final class DemoCommand {
    private DemoCommand() {
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        Options o = new Options("demo", args)
                .describe("--data-dir", "where corpora are cached", "$CONVKIT_DATA or ~/.convkit/data")
                .describe("--report", "folder for the report (PNG pictures and index.html)", "convkit-report")
                .describe("--kws-model", "keyword architecture (see kws train --help)", "cnn-one-fstride4")
                .describe("--kws-seconds", "training budget of the keyword model in seconds", "180")
                .describe("--text-epochs", "training epochs of the text CNN", "12")
                .describe("--seed", "seed for every random choice", "1");
        if (o.help()) {
            out.print(o.usage("Runs the main job on built-in defaults: a keyword spotter and a sentence classifier on the\n"
                    + "same convolution core, with a report."));
            return 0;
        }
        long t0 = System.nanoTime();
        long seed = o.getLong("--seed");
        Path dataDir = DataDirectory.resolve(o.has("--data-dir") ? o.get("--data-dir") : null);
        Path reportDir = Path.of(o.get("--report"));
        Files.createDirectories(reportDir);
        HtmlReport html = new HtmlReport("convkit demo");

        // 1. The synthetic keyword corpus (espeak-ng and flite voices), cached after the first build.
        out.println("== 1/5 synthetic keyword corpus");
        SyntheticCorpusSettings cs = SyntheticCorpusSettings.defaults(dataDir.resolve("synthetic-keywords"));
        cs = cs.withOutputDirectory(dataDir.resolve("synthetic-keywords-" + cs.contentHash().substring(0, 12)));
        SyntheticCorpusReport corpus = new SyntheticKeywordCorpus(cs, out).build();
        out.printf("%s: %d clips from %d voices%s%n", corpus.directory(), corpus.clips(), corpus.speakers(),
                corpus.cached() ? " (cached)" : String.format(" (built in %.0f s)", corpus.buildSeconds()));

        // 2. A small keyword model, trained on a time budget, best epoch kept.
        out.println("== 2/5 keyword model");
        Path kwsFile = reportDir.resolve("kws.convkit");
        KwsTrainingSettings ks = KwsTrainingSettings.defaults(corpus.directory().toString(), o.get("--kws-model"),
                kwsFile.toString()).withSeed(seed).withEpochs(40).withBudget(0, o.getDouble("--kws-seconds"));
        KwsTrainingResult kws = KwsTrainer.train(ks, out);
        out.printf("%s: %,d parameters, validation accuracy %.2f%%, trained %.0f s%n", ks.model(), kws.parameters(),
                100 * kws.validationAccuracy(), kws.trainSeconds());
        out.print(kws.test().format());
        curves(reportDir, "kws", kws.history());
        Charts.confusion(reportDir.resolve("kws-confusion.png"), "keyword test split (held-out voices)",
                kws.test().labels(), kws.test().confusion());

        // 3. Streaming: a long recording of test-split words at known times over background noise.
        out.println("== 3/5 streaming detection");
        KwsCorpus kc = KwsCorpus.open(corpus.directory());
        TestRecording rec = StreamingEvaluation.buildRecording(kc, Split.TEST, kws.model().labels(),
                kws.model().frontEnd().settings().sampleRate(),
                new StreamingEvaluation.RecordingSettings(seed, 120, 1.0, 2.0, 0.1, 2.0));
        double[] sweep = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
        StreamingReport sr = StreamingEvaluation.evaluate(kws.model(), rec, SpotterSettings.defaults(), sweep, 0.25);
        OperatingPoint op = sr.atThreshold();
        out.printf("%.0f s of audio, %d keywords and %d other words placed; at threshold %.2f: %d hits, %d misses, "
                        + "%d false alarms (%.1f per hour); real-time factor %.0fx%n", sr.audioSeconds(), sr.keywordEvents(),
                sr.distractorEvents(), op.threshold(), op.hits(), op.misses(), op.falseAlarms(), op.falseAlarmsPerHour(),
                sr.realTimeFactor());
        out.println("first 30 s, truth vs detections:");
        List<Charts.Span> truth = new ArrayList<>(), found = new ArrayList<>();
        for (TestRecording.Event e : rec.events()) {
            if (e.startSeconds() > 30) break;
            if (e.keyword()) truth.add(new Charts.Span(e.label(), e.startSeconds(), e.endSeconds()));
            out.printf("  truth     %-8s %6.2f - %6.2f s%s%n", e.label(), e.startSeconds(), e.endSeconds(),
                    e.keyword() ? "" : " (not a keyword)");
        }
        for (Detection d : sr.detections()) {
            if (d.startSeconds() > 30) break;
            found.add(new Charts.Span(d.label(), d.startSeconds(), d.endSeconds()));
            out.printf("  detected  %-8s %6.2f - %6.2f s  confidence %.2f%n", d.label(), d.startSeconds(), d.endSeconds(),
                    d.confidence());
        }
        int n30 = Math.min(rec.samples().length, 30 * rec.sampleRate());
        FeatureSettings fs = FeatureSettings.defaults();
        FeatureMatrix m = new LogMelSpectrogram(fs).extract(Arrays.copyOf(rec.samples(), n30));
        float[][] frames = new float[m.frames()][m.coefficients()];
        for (int t = 0; t < m.frames(); t++) for (int c = 0; c < m.coefficients(); c++) frames[t][c] = m.get(t, c);
        Charts.spectrogram(reportDir.resolve("stream-spectrogram.png"),
                "first 30 s of the test stream: truth (green, below) and detections (red, above)", frames,
                (double) fs.hopLength() / fs.sampleRate(), truth, found);
        double[] fa = sr.curve().stream().mapToDouble(OperatingPoint::falseAlarmsPerHour).toArray();
        double[] fr = sr.curve().stream().mapToDouble(p -> 100 * p.falseRejectRate()).toArray();
        Charts.lines(reportDir.resolve("stream-tradeoff.png"), "streaming trade-off over thresholds "
                + Arrays.toString(sweep), "false alarms per hour", "false rejects (%)", List.of(new Charts.Series(ks.model(), fa, fr)));
        Files.writeString(reportDir.resolve("stream-curve.csv"), sr.curveCsv());

        // 4. Kim's CNN on generated voice-command intents (held-out phrasings and slot values in test).
        out.println("== 4/5 text model");
        List<TextExample> intents = VoiceCommandIntents.generate(VoiceCommandIntents.Settings.defaults());
        // Validation sentences share the training phrasings and reach 100% at once, so choose the epoch by
        // validation loss, which keeps falling while the model still generalises.
        KimTrainingSettings ts = KimTrainingSettings.kim2014(seed).withEpochs(o.getInt("--text-epochs", 1, 1000))
                .withMonitor(org.convkit.train.EarlyStopping.Monitor.VALIDATION_LOSS);
        TextPreprocessorRuntime pre = new TextPreprocessorRuntime(ts.preprocessor());
        List<LabeledTokens> tr = LabeledTexts.tokenize(intents.stream().filter(e -> e.split() == Split.TRAIN).toList(), pre);
        List<LabeledTokens> va = LabeledTexts.tokenize(intents.stream().filter(e -> e.split() == Split.VALIDATION).toList(), pre);
        List<LabeledTokens> te = LabeledTexts.tokenize(intents.stream().filter(e -> e.split() == Split.TEST).toList(), pre);
        // CNN-rand with 64-d embeddings and 50 maps per width: no pretrained vectors ship offline.
        KimCnn arch = KimCnn.kim2014(EmbeddingMode.RAND).withEmbeddingDim(64).withFilters(List.of(3, 4, 5), 50);
        var provenance = org.convkit.io.ConvkitJson.mapper().createObjectNode();
        provenance.put("data", "VoiceCommandIntents.defaults()");
        KimCnnTrainer.Result text = KimCnnTrainer.train(tr, va, arch, ts, null, provenance, ProgressPrinter.auto(out));
        KimClassifier clf = text.classifier();
        ClassificationReport tr2 = ClassificationMetrics.evaluate(clf, te);
        clf.recordMetrics("test", tr2);
        clf.save(reportDir.resolve("intents.convkit"));
        out.print(TextCommand.formatReport(tr2, clf.labels()));
        curves(reportDir, "text", text.history());
        Charts.confusion(reportDir.resolve("text-confusion.png"), "intent test split (unseen phrasings and values)",
                clf.labels(), tr2.confusion());

        // 5. Report and a few commands.
        out.println("== 5/5 report");
        html.heading("Keyword spotting")
                .paragraph(String.format("%s on %s: %d clips, %d voices; whole voices held out for validation and test.",
                        ks.model(), corpus.directory(), corpus.clips(), corpus.speakers()))
                .paragraph(String.format("Test accuracy %.2f%%, macro-F1 %.4f on %d clips of unseen voices.",
                        100 * kws.test().accuracy(), kws.test().macroF1(), kws.test().examples()))
                .image("kws-loss.png", "training and validation loss per epoch")
                .image("kws-accuracy.png", "training and validation accuracy per epoch")
                .image("kws-confusion.png", "confusion matrix on the test split")
                .table(confusionHeader(kws.test().labels()), confusionRows(kws.test().labels(), kws.test().confusion()))
                .heading("Streaming detection")
                .paragraph(String.format("%.0f s recording, %d keywords: %d hits, %d misses, %d false alarms (%.1f per hour)"
                                + " at threshold %.2f; real-time factor %.0fx.", sr.audioSeconds(), sr.keywordEvents(), op.hits(),
                        op.misses(), op.falseAlarms(), op.falseAlarmsPerHour(), op.threshold(), sr.realTimeFactor()))
                .image("stream-spectrogram.png", "log-mel spectrogram of the first 30 s with the true keywords and the detections")
                .image("stream-tradeoff.png", "false rejects against false alarms per hour over thresholds")
                .heading("Sentence classification")
                .paragraph(String.format("Kim CNN-rand on generated voice commands: test accuracy %.2f%%, macro-F1 %.4f on %d"
                        + " sentences with unseen phrasings or slot values.", 100 * tr2.accuracy(), tr2.macroF1(), te.size()))
                .image("text-loss.png", "training and validation loss per epoch")
                .image("text-accuracy.png", "training and validation accuracy per epoch")
                .image("text-confusion.png", "confusion matrix on the test split")
                .table(confusionHeader(clf.labels()), confusionRows(clf.labels(), toLong(tr2.confusion())));
        html.write(reportDir.resolve("index.html"));
        out.println("report: " + reportDir.resolve("index.html").toAbsolutePath());

        String[] examples = {"turn on the kitchen lights", "what's the weather tomorrow", "set a timer for ten minutes",
                "play some jazz in the bedroom", "please add coffee to the shopping list", "wake me up at seven"};
        out.println("example commands:");
        for (String s : examples) {
            Prediction p = clf.predict(s);
            out.printf("  %-45s -> %-14s (%.2f)%n", s, p.label(), p.probabilities()[p.labelIndex()]);
        }
        out.printf("demo finished in %.0f s: keyword test accuracy %.2f%%, intent test accuracy %.2f%%%n",
                (System.nanoTime() - t0) / 1e9, 100 * kws.test().accuracy(), 100 * tr2.accuracy());
        return 0;
    }

    private static List<String> confusionHeader(List<String> labels) {
        List<String> h = new ArrayList<>();
        h.add("true \\ predicted");
        h.addAll(labels);
        return h;
    }

    private static List<List<String>> confusionRows(List<String> labels, long[][] m) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            List<String> r = new ArrayList<>();
            r.add(labels.get(i));
            for (long v : m[i]) r.add(Long.toString(v));
            rows.add(r);
        }
        return rows;
    }

    private static long[][] toLong(int[][] m) {
        long[][] l = new long[m.length][];
        for (int i = 0; i < m.length; i++) l[i] = Arrays.stream(m[i]).asLongStream().toArray();
        return l;
    }

    private static void curves(Path dir, String prefix, TrainingHistory h) throws Exception {
        List<EpochResult> ep = h.epochs().stream().filter(EpochResult::evaluated).toList();
        if (ep.isEmpty()) return;
        double[] x = ep.stream().mapToDouble(EpochResult::epoch).toArray();
        Charts.lines(dir.resolve(prefix + "-loss.png"), prefix + ": loss", "epoch", "loss", List.of(
                new Charts.Series("training", x, ep.stream().mapToDouble(EpochResult::trainLoss).toArray()),
                new Charts.Series("validation", x, ep.stream().mapToDouble(EpochResult::validationLoss).toArray())));
        Charts.lines(dir.resolve(prefix + "-accuracy.png"), prefix + ": accuracy", "epoch", "accuracy", List.of(
                new Charts.Series("training", x, ep.stream().mapToDouble(EpochResult::trainAccuracy).toArray()),
                new Charts.Series("validation", x, ep.stream().mapToDouble(EpochResult::validationAccuracy).toArray())));
    }
}
