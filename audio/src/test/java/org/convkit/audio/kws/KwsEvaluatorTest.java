package org.convkit.audio.kws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.convkit.corpora.Split;
import org.junit.jupiter.api.Test;
import smile.validation.metric.Precision;
import smile.validation.metric.Recall;

class KwsEvaluatorTest {

    private static final List<String> LABELS = List.of("a", "b", "c");
    private static final int[] TRUTH = {0, 0, 0, 1, 1, 2, 2, 2, 2, 1};
    private static final int[] PRED = {0, 1, 0, 1, 2, 2, 2, 0, 2, 1};

    @Test
    void computesPerClassFiguresByHand() {
        EvaluationReport r = KwsEvaluator.report("m", "test", 0.5, TRUTH, PRED, LABELS);
        assertEquals(7 / 10.0, r.accuracy(), 1e-12);
        // a: predicted 3 times (2 right), 3 examples -> P 2/3, R 2/3.  b: predicted 3 (2 right), 3 examples.
        // c: predicted 4 (3 right), 4 examples -> P 3/4 R 3/4.
        assertEquals(2 / 3.0, r.perClass().get("a").precision(), 1e-12);
        assertEquals(2 / 3.0, r.perClass().get("b").recall(), 1e-12);
        assertEquals(0.75, r.perClass().get("c").f1(), 1e-12);
        assertEquals(4, r.perClass().get("c").support());
        assertEquals((2 / 3.0 + 2 / 3.0 + 0.75) / 3, r.macroF1(), 1e-12);
        assertArrayEquals(new long[] {2, 1, 0}, r.confusion()[0]);
        assertArrayEquals(new long[] {1, 0, 3}, r.confusion()[2]);
    }

    @Test
    void perClassFiguresAgreeWithSmileOneVersusRest() {
        EvaluationReport r = KwsEvaluator.report("m", "test", Double.NaN, TRUTH, PRED, LABELS);
        for (int c = 0; c < LABELS.size(); c++) {
            int[] t = new int[TRUTH.length];
            int[] p = new int[TRUTH.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = TRUTH[i] == c ? 1 : 0;
                p[i] = PRED[i] == c ? 1 : 0;
            }
            assertEquals(Precision.of(t, p), r.perClass().get(LABELS.get(c)).precision(), 1e-12);
            assertEquals(Recall.of(t, p), r.perClass().get(LABELS.get(c)).recall(), 1e-12);
        }
    }

    @Test
    void jsonHasTheFieldsTheCommandLinePrints() {
        JsonNode j = KwsEvaluator.report("m", "test", 0.5, TRUTH, PRED, LABELS).toJson();
        assertEquals(0.7, j.get("accuracy").asDouble(), 1e-12);
        assertEquals(2 / 3.0, j.get("per_class").get("a").get("precision").asDouble(), 1e-12);
        assertEquals(3, j.get("per_class").get("b").get("support").asInt());
        assertEquals(3, j.get("confusion").get(2).get(2).asInt());
        assertEquals((2 / 3.0 + 2 / 3.0 + 0.75) / 3, j.get("macro_f1").asDouble(), 1e-12);
    }

    @Test
    void rejectsPredictionsOutsideTheClasses() {
        assertThrows(IllegalArgumentException.class,
                () -> KwsEvaluator.report("m", "t", 0, new int[] {0, 3}, new int[] {0, 1}, LABELS));
    }

    @Test
    void evaluatesATrainedModelOnTheTestSplitOfItsCorpus() {
        KwsTrainingResult r = TrainedToneModel.get();
        EvaluationReport e = KwsEvaluator.evaluate(r.model(), TrainedToneModel.corpus(), Split.TEST);
        assertEquals(r.test().accuracy(), e.accuracy(), 0);
        assertEquals(22, e.examples());
    }
}
