package org.convkit.audio.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convkit.audio.kws.KwsCorpus;
import org.convkit.audio.kws.KwsEvaluator;
import org.convkit.audio.kws.KwsModel;
import org.convkit.audio.kws.TrainedToneModel;
import org.convkit.corpora.Split;
import org.junit.jupiter.api.Test;

class StreamingEvaluationTest {

    @Test
    void scoresHitsMissesAndFalseAlarmsByHand() {
        List<TestRecording.Event> events = List.of(
                new TestRecording.Event("yes", true, 2.2, 2.6, "a"),
                new TestRecording.Event("no", true, 5.3, 5.7, "b"),
                new TestRecording.Event("_unknown_", false, 8.2, 8.5, "c"),
                new TestRecording.Event("yes", true, 11.1, 11.4, "d"));
        List<Detection> det = List.of(
                new Detection("yes", 1.7, 2.7, 0.9),    // hit
                new Detection("yes", 4.9, 5.9, 0.8),    // wrong label at a keyword: false alarm
                new Detection("no", 7.8, 8.8, 0.7),     // on a distractor: false alarm
                new Detection("yes", 12.0, 13.0, 0.9)); // 0.6 s after the word: within tolerance 0.75
        OperatingPoint p = StreamingEvaluation.score(0.5, det, events, 0.75, 0.5);
        assertEquals(2, p.hits());
        assertEquals(1, p.misses());
        assertEquals(2, p.falseAlarms());
        assertEquals(1 / 3.0, p.falseRejectRate(), 1e-12);
        assertEquals(4.0, p.falseAlarmsPerHour(), 1e-12);
        assertEquals(1, StreamingEvaluation.score(0.5, det, events, 0.5, 0.5).hits());
    }

    @Test
    void findsTheSpokenPartOfAClip() {
        float[] x = new float[16000];
        for (int i = 4000; i < 8000; i++) {
            x[i] = (float) (0.5 * Math.sin(i * 0.3));
        }
        int[] span = StreamingEvaluation.spokenSpan(x, 16000);
        assertEquals(4000, span[0]);
        assertEquals(8000, span[1]);
    }

    @Test
    void evaluatesATrainedModelOnARecordingBuiltFromTheTestSplit() {
        KwsModel model = TrainedToneModel.get().model().copy();
        KwsCorpus corpus = KwsCorpus.open(TrainedToneModel.corpus(), KwsEvaluator.taskOf(model));
        TestRecording rec = StreamingEvaluation.buildRecording(corpus, Split.TEST, List.of("yes", "no"), 16000,
                StreamingEvaluation.RecordingSettings.defaults());
        assertEquals(20, rec.events().size()); // 18 keywords and 2 unknown words; silence is not placed
        assertEquals(18, rec.events().stream().filter(TestRecording.Event::keyword).count());
        for (int i = 1; i < rec.events().size(); i++) {
            assertTrue(rec.events().get(i).startSeconds() >= rec.events().get(i - 1).endSeconds() + 1.0);
        }
        StreamingReport r = StreamingEvaluation.evaluate(model, rec, SpotterSettings.defaults(),
                new double[] {0.9, 0.3, 0.5, 0.7}, 0.25);
        assertEquals(4, r.curve().size());
        assertEquals(0.3, r.curve().get(0).threshold(), 0);
        OperatingPoint at = r.atThreshold();
        assertEquals(at, r.curve().get(1));  // the replayed trace reproduces the live detections
        assertEquals(18, at.hits() + at.misses());
        assertTrue(at.hits() >= 15, r.curveCsv());
        assertTrue(r.realTimeFactor() > 1, "real-time factor " + r.realTimeFactor());
        assertTrue(r.toJson().get("curve").size() == 4 && r.curveCsv().lines().count() == 5);
    }
}
