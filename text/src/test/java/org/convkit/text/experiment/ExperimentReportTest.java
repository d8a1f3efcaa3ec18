package org.convkit.text.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.convkit.text.eval.ClassificationMetrics;
import org.junit.jupiter.api.Test;

class ExperimentReportTest {

    private static ExperimentResult row(String dataset, String method, int[] gold, int[] predicted) {
        return new ExperimentResult(dataset, method, 10, gold.length,
            ClassificationMetrics.evaluate(gold, predicted, List.of("ham", "spam")), 1.5, 0, 0, "s",
            "TextExperiments --datasets " + dataset);
    }

    @Test
    void tablesOrderRowsAndKeepTheHandWrittenPart() throws Exception {
        List<ExperimentResult> rows = new ArrayList<>();
        // 3 of 4 right: accuracy 0.75; ham P=2/3 R=1 F1=0.8, spam P=1 R=0.5 F1=0.6667; macro 0.7333.
        rows.add(row("spam-subject", "CNN-rand", new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 0}));
        rows.add(row("spam-subject", "maxent", new int[] {0, 1}, new int[] {0, 1}));
        rows.add(row("reuters-corn", "maxent", new int[] {0, 1}, new int[] {1, 1}));
        rows.sort(ExperimentReport.ORDER);
        assertEquals("reuters-corn", rows.get(0).dataset());
        assertEquals("maxent", rows.get(1).method());
        String previous = "old tables\n" + ExperimentReport.HAND_WRITTEN + "\nWhy the CNN lost.\n";
        String md = ExperimentReport.markdown(rows, ExperimentReport.handWritten(previous));
        assertTrue(md.contains("| spam-subject | 10 / 2 | 1.0000 / 1.0000 | not run | 0.7500 / 0.7333 |"), md);
        assertTrue(md.endsWith(ExperimentReport.HAND_WRITTEN + "\nWhy the CNN lost.\n"), md);
        // the command each row records, written as the CLI subcommand that runs it
        assertTrue(md.contains("\n./convkit text experiments --datasets reuters-corn\n"), md);
        assertTrue(!md.contains("old tables"));
    }
}
