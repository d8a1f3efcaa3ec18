package org.convkit.text.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.convkit.corpora.DataDirectory;
import org.convkit.text.cnn.ClassWeighting;
import org.convkit.text.cnn.EmbeddingMode;
import org.convkit.train.EarlyStopping;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the experiment on real data (fetched into the data directory if it is not there yet):
 * SpamAssassin subject lines, both baselines and a small CNN-static for one epoch. Slow (minutes):
 * tagged "eval", run with {@code -Dgroups=eval -DexcludedGroups=none}.
 */
@Tag("eval")
class TextExperimentsEvalTest {

    @TempDir
    Path dir;

    @Test
    void cnnAndBaselinesBeatTheMajorityClassOnSpamSubjects() throws Exception {
        Path results = dir.resolve("results.json");
        Path report = dir.resolve("EXPERIMENTS.md");
        TextExperiments.Options options = new TextExperiments.Options(DataDirectory.resolve(null),
            List.of(ExperimentDataset.SPAM_SUBJECT), List.of(EmbeddingMode.STATIC), true, 1, 1, 50, 25, 1,
            results, report, "eval test", List.of(), EarlyStopping.Monitor.VALIDATION_ACCURACY, "", ClassWeighting.NONE);
        List<ExperimentResult> rows = TextExperiments.run(options, new PrintStream(System.err, true, StandardCharsets.UTF_8));
        assertEquals(3, rows.size());
        for (ExperimentResult row : rows) {
            Map<String, org.convkit.text.eval.ClassScores> perClass = row.report().perClass();
            int ham = perClass.get("ham").support();
            int spam = perClass.get("spam").support();
            double majority = Math.max(ham, spam) / (double) (ham + spam);
            assertEquals(row.testSize(), ham + spam);
            assertTrue(row.report().accuracy() > majority, row.method() + " accuracy " + row.report().accuracy()
                + " <= majority-class rate " + majority);
            assertTrue(row.report().macroF1() > 0.5, row.method() + " macro-F1 " + row.report().macroF1());
        }
        String md = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(md.contains("| spam-subject |"), md);
        assertTrue(md.contains(ExperimentReport.HAND_WRITTEN));
    }
}
