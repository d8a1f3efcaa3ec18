package org.convkit.audio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.convkit.audio.kws.KwsTrainer;
import org.convkit.audio.kws.KwsTrainingResult;
import org.convkit.audio.kws.KwsTrainingSettings;
import org.convkit.audio.kws.PublishedFigures;
import org.convkit.corpora.synth.SyntheticCorpusReport;
import org.convkit.corpora.synth.SyntheticCorpusSettings;
import org.convkit.corpora.synth.SyntheticKeywordCorpus;
import org.convkit.io.AtomicFile;
import org.convkit.io.ConvkitJson;
import org.convkit.train.EpochResult;

/**
 * Trains zoo models on the synthetic keyword corpus (built or reused with
 * {@link SyntheticCorpusSettings#defaults}) under a fixed budget each, and records test accuracy,
 * parameters and multiply-adds beside the papers' figures.
 *
 * <p>Usage: {@code KwsExperiment CORPUS_DIR OUT_DIR MODEL:EPOCHS:EPOCH_SIZE:SECONDS...} where
 * EPOCH_SIZE 0 means the whole training split and SECONDS 0 no wall-clock budget. Writes
 * {@code OUT_DIR/<model>.convkit}, {@code OUT_DIR/<model>-test.json} and {@code OUT_DIR/<model>-summary.json}.
 */
public final class KwsExperiment {

    private KwsExperiment() {
    }

    /**
     * Runs the experiment.
     *
     * @param args corpus directory, output directory, model specifications
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: KwsExperiment CORPUS_DIR OUT_DIR MODEL:EPOCHS:EPOCH_SIZE:SECONDS...");
            System.exit(2);
        }
        Path corpusDir = Path.of(args[0]);
        Path outDir = Files.createDirectories(Path.of(args[1]));
        SyntheticCorpusReport corpus = new SyntheticKeywordCorpus(SyntheticCorpusSettings.defaults(corpusDir), System.out)
                .build();
        System.out.printf("corpus %s (%s), %d clips, %d speakers%n", corpus.directory(),
                corpus.cached() ? "reused" : "built", corpus.clips(), corpus.speakers());
        ObjectMapper json = ConvkitJson.mapper();
        for (int a = 2; a < args.length; a++) {
            String[] f = args[a].split(":");
            String name = f[0];
            KwsTrainingSettings s = KwsTrainingSettings.defaults(corpus.directory().toString(), name,
                            outDir.resolve(name + ".convkit").toString())
                    .withEpochs(Integer.parseInt(f[1]))
                    .withBudget(Integer.parseInt(f[2]), Double.parseDouble(f[3]));
            System.out.printf("=== %s: %s%n", name, json.writeValueAsString(s));
            KwsTrainingResult r = KwsTrainer.train(s, System.out);
            System.out.print(r.test().format());
            ObjectNode sum = json.createObjectNode();
            sum.put("model", name);
            sum.put("parameters", r.parameters());
            sum.put("multiply_adds", r.multiplyAdds());
            PublishedFigures.of(name).ifPresent(p -> {
                sum.put("paper_parameters", p.parameters());
                sum.put("paper_multiplies", p.multiplies());
                sum.put("paper_source", p.source());
                sum.put("paper_note", p.note());
            });
            sum.put("validation_accuracy", r.validationAccuracy());
            sum.put("test_accuracy", r.test().accuracy());
            sum.put("test_macro_f1", r.test().macroF1());
            sum.put("train_seconds", r.trainSeconds());
            sum.put("stop_reason", r.model().metadata().path("metrics").path("stop_reason").asText());
            sum.put("best_epoch", r.history().bestEpoch());
            ArrayNode ep = sum.putArray("epochs");
            for (EpochResult e : r.history().epochs()) {
                ep.add(json.valueToTree(e));
            }
            sum.put("train_split_examples", r.trainExamples());
            sum.put("training_examples_seen", (long) r.history().epochs().size()
                    * (s.epochSize() > 0 ? Math.min(s.epochSize(), r.trainExamples()) : r.trainExamples()));
            sum.set("settings", json.valueToTree(s));
            write(outDir.resolve(name + "-summary.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(sum));
            write(outDir.resolve(name + "-test.json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(r.test().toJson()));
            System.out.printf(Locale.ROOT, "RESULT %-16s params %,9d  mult-adds %,13d  val %.4f  test %.4f  %.0f s  (%s)%n",
                    name, r.parameters(), r.multiplyAdds(), r.validationAccuracy(), r.test().accuracy(),
                    r.trainSeconds(), r.history().stopReason());
        }
    }

    private static void write(Path file, String text) throws IOException {
        AtomicFile.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
