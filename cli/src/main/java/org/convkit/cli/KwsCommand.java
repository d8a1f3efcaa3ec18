package org.convkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.audio.kws.EvaluationReport;
import org.convkit.audio.kws.KwsAugmentation;
import org.convkit.audio.kws.KwsEvaluator;
import org.convkit.audio.kws.KwsModel;
import org.convkit.audio.kws.KwsTrainer;
import org.convkit.audio.kws.KwsTrainingResult;
import org.convkit.audio.kws.KwsTrainingSettings;
import org.convkit.audio.stream.Detection;
import org.convkit.audio.stream.KeywordSpotter;
import org.convkit.audio.stream.MicrophoneStreamSource;
import org.convkit.audio.stream.SpotterSettings;
import org.convkit.corpora.Split;
import org.convkit.io.ConvkitJson;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code convkit kws train | eval | detect | listen}: keyword spotting. */
final class KwsCommand {
    private KwsCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
            out.print("""
                    usage: convkit kws COMMAND [options]   (each command takes --help)
                      train    train a keyword model on a corpus in Speech Commands layout
                      eval     evaluate a keyword model on a corpus split
                      detect   run the streaming spotter over a WAV file
                      listen   run the streaming spotter on the default microphone
                    """);
            return 0;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "train" -> train(rest, out);
            case "eval" -> eval(rest, out);
            case "detect" -> detect(rest, out);
            case "listen" -> listen(rest, out);
            default -> throw new UsageException("unknown kws command '" + args.get(0) + "' (train, eval, detect, listen)");
        };
    }

    static Path existingDir(String option, String value) {
        Path p = Path.of(value);
        if (!Files.isDirectory(p)) throw new UsageException(option + " " + value + ": no such directory");
        return p;
    }

    static Path existingFile(String option, String value) {
        Path p = Path.of(value);
        if (!Files.isRegularFile(p)) throw new UsageException(option + " " + value + ": no such file");
        return p;
    }

    static KwsModel loadKwsModel(String file) throws Exception {
        Path p = existingFile("--model", file);
        try {
            return KwsModel.load(p);
        } catch (java.io.IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UsageException(file + " is not a keyword-spotting model: " + e.getMessage());
        }
    }

    private static int train(List<String> args, PrintStream out) throws Exception {
        KwsTrainingSettings d = KwsTrainingSettings.defaults("DIR", "res8-narrow", "MODEL");
        Options o = new Options("kws train", args)
                .describe("--data", "corpus folder in Speech Commands layout (required)", "")
                .describe("--model", "architecture: cnn-trad-pool2, cnn-one-fstride4, res8, res8-narrow, res15, ds-cnn-s (with --init: that model's)", d.model())
                .describe("--out", "where to write the trained model file (required)", "")
                .describe("--epochs", "most training epochs (early stopping on validation accuracy)", Integer.toString(d.epochs()))
                .describe("--batch", "mini-batch size", Integer.toString(d.batchSize()))
                .describe("--lr", "Adam learning rate", Double.toString(d.learningRate()))
                .describe("--patience", "epochs without improvement before stopping", Integer.toString(d.patience()))
                .describe("--max-seconds", "stop training after this many seconds (0 = no limit)", Double.toString(d.maxTrainSeconds()))
                .describe("--seed", "seed for weights, shuffling, augmentation", Long.toString(d.seed()))
                .describe("--time-shift-ms", "largest random time shift of a training clip (TensorFlow's 100; wider helps streaming)",
                        Double.toString(d.augmentation().timeShiftMs()))
                .describe("--init", "start from this trained model's weights and front end (continue or fine-tune)", "(fresh weights)")
                .flag("--json", "print the result as one JSON object");
        if (o.help()) {
            out.print(o.usage("Trains a keyword-spotting CNN (the 12-class task: 10 words, silence, unknown) and keeps the best epoch."));
            return 0;
        }
        if (!o.has("--data")) throw new UsageException("--data DIR is required");
        if (!o.has("--out")) throw new UsageException("--out MODEL is required");
        existingDir("--data", o.get("--data"));
        KwsTrainingSettings s = KwsTrainingSettings.defaults(o.get("--data"), o.get("--model"), o.get("--out"))
                .withEpochs(o.getInt("--epochs", 1, 10000))
                .withSeed(o.getLong("--seed"))
                .withOptimiser(o.getInt("--batch", 1, 4096), o.getDouble("--lr"));
        s = new KwsTrainingSettings(s.data(), s.model(), s.out(), s.epochs(), s.batchSize(), s.learningRate(), s.weightDecay(),
                s.seed(), o.getInt("--patience", 0, 10000), s.epochSize(), o.getDouble("--max-seconds"), s.frontEnd(),
                s.features(), s.keywords(), s.silencePercent(), s.unknownPercent(), s.augmentation(), s.cacheDirectory());
        if (o.has("--time-shift-ms")) {
            KwsAugmentation a = s.augmentation();
            double shift = o.getDouble("--time-shift-ms");
            if (!(shift >= 0 && shift <= 1000)) throw new UsageException("--time-shift-ms must be in [0, 1000], got " + shift);
            s = s.withFrontEnd(s.frontEnd(), s.features(),
                    new KwsAugmentation(shift, a.backgroundVolume(), a.backgroundFrequency(), a.silenceVolume()));
        }
        KwsModel init = o.has("--init") ? loadKwsModel(o.get("--init")) : null;
        if (init != null && !o.has("--model")) {
            s = s.withModel(init.name(), s.out(), s.patience());
        }
        KwsTrainingResult r;
        try {
            r = KwsTrainer.train(s, init, o.isSet("--json") ? new PrintStream(PrintStream.nullOutputStream()) : out);
        } catch (IllegalArgumentException e) {
            if (init == null) throw e;
            throw new UsageException("--init " + o.get("--init") + ": " + e.getMessage());
        }
        if (o.isSet("--json")) {
            ObjectNode n = ConvkitJson.mapper().createObjectNode();
            n.put("model_file", r.modelFile().toString());
            n.put("validation_accuracy", r.validationAccuracy());
            n.put("train_seconds", r.trainSeconds());
            n.put("parameters", r.parameters());
            n.put("multiply_adds", r.multiplyAdds());
            if (r.test() != null) n.set("test", r.test().toJson());
            out.println(ConvkitJson.mapper().writeValueAsString(n));
        } else {
            out.printf("validation accuracy %.2f%%, training %.0f s, %,d parameters, %,d multiply-adds; model saved to %s%n",
                    100 * r.validationAccuracy(), r.trainSeconds(), r.parameters(), r.multiplyAdds(), r.modelFile());
            if (r.test() != null) out.print(r.test().format());
        }
        return 0;
    }

    private static int eval(List<String> args, PrintStream out) throws Exception {
        Options o = new Options("kws eval", args)
                .describe("--model", "model file from 'kws train' (required)", "")
                .describe("--data", "corpus folder in Speech Commands layout (required)", "")
                .describe("--split", "train, validation or test", "test")
                .flag("--json", "print one JSON object with accuracy, macro_f1, per_class and confusion");
        if (o.help()) {
            out.print(o.usage("Evaluates a keyword model on one split of a corpus."));
            return 0;
        }
        if (!o.has("--model")) throw new UsageException("--model MODEL is required");
        if (!o.has("--data")) throw new UsageException("--data DIR is required");
        KwsModel model = loadKwsModel(o.get("--model"));
        Split split;
        try {
            split = Split.parse(o.get("--split"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--split: " + e.getMessage());
        }
        EvaluationReport r = KwsEvaluator.evaluate(model, existingDir("--data", o.get("--data")), split);
        out.print(o.isSet("--json") ? ConvkitJson.mapper().writeValueAsString(r.toJson()) + "\n" : r.format());
        return 0;
    }

    private static SpotterSettings spotter(Options o) {
        return SpotterSettings.defaults().withThreshold(o.getDouble("--threshold"));
    }

    private static int detect(List<String> args, PrintStream out) throws Exception {
        Options o = new Options("kws detect", args)
                .describe("--model", "model file from 'kws train' (required)", "")
                .describe("--audio", "WAV file to scan (required)", "")
                .describe("--threshold", "smoothed posterior a keyword must reach", Double.toString(SpotterSettings.defaults().threshold()))
                .flag("--json", "one JSON object per detection: label, start_s, end_s, confidence");
        if (o.help()) {
            out.print(o.usage("Runs the streaming keyword spotter over a WAV file and prints the detections."));
            return 0;
        }
        if (!o.has("--model")) throw new UsageException("--model MODEL is required");
        if (!o.has("--audio")) throw new UsageException("--audio FILE is required");
        KwsModel model = loadKwsModel(o.get("--model"));
        List<Detection> ds = KeywordSpotter.detect(model, existingFile("--audio", o.get("--audio")), spotter(o));
        for (Detection d : ds) print(d, o.isSet("--json"), out);
        return 0;
    }

    static void print(Detection d, boolean json, PrintStream out) throws Exception {
        if (json) {
            ObjectNode n = ConvkitJson.mapper().createObjectNode();
            n.put("label", d.label());
            n.put("start_s", Math.round(d.startSeconds() * 1000) / 1000.0);
            n.put("end_s", Math.round(d.endSeconds() * 1000) / 1000.0);
            n.put("confidence", Math.round(d.confidence() * 10000) / 10000.0);
            out.println(ConvkitJson.mapper().writeValueAsString(n));
        } else {
            out.printf("%-10s %8.3f s - %8.3f s  confidence %.3f%n", d.label(), d.startSeconds(), d.endSeconds(), d.confidence());
        }
        out.flush();
    }

    private static int listen(List<String> args, PrintStream out) throws Exception {
        Options o = new Options("kws listen", args)
                .describe("--model", "model file from 'kws train' (required)", "")
                .describe("--threshold", "smoothed posterior a keyword must reach", Double.toString(SpotterSettings.defaults().threshold()))
                .describe("--seconds", "stop after this many seconds (0 = until Ctrl-C)", "0")
                .flag("--json", "one JSON object per detection");
        if (o.help()) {
            out.print(o.usage("Listens on the default microphone and prints keywords as they are spoken."));
            return 0;
        }
        if (!o.has("--model")) throw new UsageException("--model MODEL is required");
        KwsModel model = loadKwsModel(o.get("--model"));
        boolean json = o.isSet("--json");
        KeywordSpotter spotter = new KeywordSpotter(model, spotter(o), d -> {
            try {
                print(d, json, out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        MicrophoneStreamSource mic = new MicrophoneStreamSource(model.frontEnd().settings().sampleRate(), 160);
        double seconds = o.getDouble("--seconds");
        if (seconds > 0) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep((long) (seconds * 1000));
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                mic.stop();
            });
            t.setDaemon(true);
            t.start();
        }
        if (!json) out.println("listening on the default microphone (Ctrl-C to stop)...");
        mic.run(spotter::accept);
        spotter.finish();
        return 0;
    }
}
