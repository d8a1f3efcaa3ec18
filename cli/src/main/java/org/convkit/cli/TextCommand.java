package org.convkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.io.ConvkitJson;
import org.convkit.text.TextWorkflows;
import org.convkit.text.cnn.EmbeddingMode;
import org.convkit.text.cnn.KimClassifier;
import org.convkit.text.cnn.KimCnn;
import org.convkit.text.cnn.ClassWeighting;
import org.convkit.text.cnn.KimTrainingSettings;
import org.convkit.text.data.TextDataFormat;
import org.convkit.text.eval.ClassificationReport;
import org.convkit.text.experiment.TextExperiments;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code convkit text train | eval | predict}: sentence classification with Kim's CNN. */
final class TextCommand {
    private TextCommand() {
    }

    static int run(List<String> args, InputStream in, PrintStream out) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
            out.print("""
                    usage: convkit text COMMAND [options]   (each command takes --help)
                      train    train Kim's sentence CNN on a labelled file
                      eval     evaluate a text model on a labelled file
                      predict  classify lines from standard input or a file
                      experiments  Kim CNN variants vs. bag-of-words baselines on the fetched real datasets
                    """);
            return 0;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "train" -> train(rest, out);
            case "eval" -> eval(rest, out);
            case "predict" -> predict(rest, in, out);
            case "experiments" -> experiments(rest, out);
            default -> throw new UsageException("unknown text command '" + args.get(0)
                    + "' (train, eval, predict, experiments)");
        };
    }

    private static int experiments(List<String> args, PrintStream out) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(TextExperiments.usage());
            return 0;
        }
        try {
            TextExperiments.run(args.toArray(new String[0]), out);
        } catch (IllegalArgumentException e) {
            throw new UsageException("text experiments: " + e.getMessage());
        }
        return 0;
    }

    private static TextDataFormat format(Options o, Path file) {
        if (!o.has("--format")) return TextDataFormat.guess(file);
        try {
            return TextDataFormat.parse(o.get("--format"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format: " + e.getMessage());
        }
    }

    static KimClassifier loadTextModel(String file) throws Exception {
        Path p = KwsCommand.existingFile("--model", file);
        try {
            return KimClassifier.load(p);
        } catch (java.io.IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UsageException(file + " is not a text model: " + e.getMessage());
        }
    }

    private static int train(List<String> args, PrintStream out) throws Exception {
        KimTrainingSettings d = KimTrainingSettings.kim2014(1);
        Options o = new Options("text train", args)
                .describe("--train", "labelled training file (required)", "")
                .describe("--test", "labelled test file, scored after training", "(none)")
                .describe("--format", "tsv, csv, fasttext, arff, trec, trec-fine", "(from the file name)")
                .describe("--out", "where to write the trained model file (required)", "")
                .describe("--embeddings", "pretrained vectors: GloVe text, word2vec .bin or fastText .vec", "(none)")
                .describe("--mode", "rand, static, nonstatic or multichannel", "rand (nonstatic with --embeddings)")
                .describe("--epochs", "most training epochs", Integer.toString(d.epochs()))
                .describe("--batch", "mini-batch size", Integer.toString(d.batchSize()))
                .describe("--max-tokens", "tokens kept per text (0: the longest training text)", Integer.toString(d.maxTokens()))
                .describe("--class-weights", "none, or balanced: each class counts equally in the loss (skewed data)", "none")
                .describe("--seed", "seed for weights, shuffling, dropout and the validation split", Long.toString(d.seed()))
                .flag("--json", "print progress and the result as JSON");
        if (o.help()) {
            out.print(o.usage("Trains Kim's (2014) CNN: filters of 3, 4 and 5 words spanning the embedding width, max over\n"
                    + "time, dropout 0.5, max-norm 3, Adadelta; early stopping on validation accuracy."));
            return 0;
        }
        if (!o.has("--train")) throw new UsageException("--train FILE is required");
        if (!o.has("--out")) throw new UsageException("--out MODEL is required");
        Path trainFile = KwsCommand.existingFile("--train", o.get("--train"));
        EmbeddingMode mode;
        try {
            mode = o.has("--mode") ? EmbeddingMode.parse(o.get("--mode"))
                    : o.has("--embeddings") ? EmbeddingMode.NON_STATIC : EmbeddingMode.RAND;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mode: " + e.getMessage());
        }
        if (mode.usesPretrained() && !o.has("--embeddings")) {
            throw new UsageException("--mode " + mode.cliName() + " needs --embeddings FILE");
        }
        KimTrainingSettings s = KimTrainingSettings.kim2014(o.getLong("--seed")).withEpochs(o.getInt("--epochs", 1, 10000))
                .withBatchSize(o.getInt("--batch", 1, 65536)).withMaxTokens(o.getInt("--max-tokens", 0, 100000));
        if (o.has("--class-weights")) {
            try {
                s = s.withClassWeighting(ClassWeighting.parse(o.get("--class-weights")));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--class-weights: " + e.getMessage());
            }
        }
        Path testFile = o.has("--test") ? KwsCommand.existingFile("--test", o.get("--test")) : null;
        Path vectors = o.has("--embeddings") ? KwsCommand.existingFile("--embeddings", o.get("--embeddings")) : null;
        Path outFile = Path.of(o.get("--out"));
        TextWorkflows.TrainRequest req = new TextWorkflows.TrainRequest(trainFile, format(o, trainFile), outFile, testFile,
                vectors, null, KimCnn.kim2014(mode), s);
        PrintStream log = o.isSet("--json") ? new PrintStream(PrintStream.nullOutputStream()) : out;
        KimClassifier c = TextWorkflows.train(req, log);
        if (o.isSet("--json")) {
            ObjectNode n = ConvkitJson.mapper().createObjectNode();
            n.put("model_file", outFile.toString());
            n.put("mode", mode.cliName());
            if (c.metadata().has("metrics")) n.set("metrics", c.metadata().get("metrics"));
            out.println(ConvkitJson.mapper().writeValueAsString(n));
        } else {
            out.printf("model (%s, %d labels, vocabulary %d) saved to %s%n", mode.displayName(), c.labels().size(),
                    c.vocabulary().size(), outFile);
        }
        return 0;
    }

    static String formatReport(ClassificationReport r, List<String> labels) {
        StringBuilder b = new StringBuilder(String.format("accuracy %.2f%%, macro-F1 %.4f%n", 100 * r.accuracy(), r.macroF1()));
        b.append(String.format("%-20s %9s %9s %9s %8s%n", "label", "precision", "recall", "f1", "support"));
        for (String l : labels) {
            var s = r.perClass().get(l);
            if (s != null) b.append(String.format("%-20s %9.4f %9.4f %9.4f %8d%n", l, s.precision(), s.recall(), s.f1(), s.support()));
        }
        return b.toString();
    }

    private static int eval(List<String> args, PrintStream out) throws Exception {
        Options o = new Options("text eval", args)
                .describe("--model", "model file from 'text train' (required)", "")
                .describe("--data", "labelled file (required)", "")
                .describe("--format", "tsv, csv, fasttext, arff, trec, trec-fine", "(from the file name)")
                .flag("--json", "print one JSON object with accuracy, macro_f1, per_class and confusion");
        if (o.help()) {
            out.print(o.usage("Evaluates a text model on a labelled file."));
            return 0;
        }
        if (!o.has("--model")) throw new UsageException("--model MODEL is required");
        if (!o.has("--data")) throw new UsageException("--data FILE is required");
        KimClassifier c = loadTextModel(o.get("--model"));
        Path data = KwsCommand.existingFile("--data", o.get("--data"));
        ClassificationReport r;
        try {
            r = TextWorkflows.evaluate(c, data, format(o, data));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        out.print(o.isSet("--json") ? TextWorkflows.toJson(r) + "\n" : formatReport(r, c.labels()));
        return 0;
    }

    private static int predict(List<String> args, InputStream in, PrintStream out) throws Exception {
        Options o = new Options("text predict", args)
                .describe("--model", "model file from 'text train' (required)", "")
                .describe("--input", "file of texts, one per line", "(standard input)")
                .flag("--json", "one JSON object per line: text, label, scores");
        if (o.help()) {
            out.print(o.usage("Classifies texts, one per line, printing the label and the scores."));
            return 0;
        }
        if (!o.has("--model")) throw new UsageException("--model MODEL is required");
        KimClassifier c = loadTextModel(o.get("--model"));
        BufferedReader r = o.has("--input")
                ? Files.newBufferedReader(KwsCommand.existingFile("--input", o.get("--input")), StandardCharsets.UTF_8)
                : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try (r) {
            TextWorkflows.predict(c, r, out, o.isSet("--json"));
        }
        return 0;
    }
}
