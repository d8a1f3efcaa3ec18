package org.convkit.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressPrinterTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String NL = System.lineSeparator();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final long[] now = {0};

    private static final EpochResult EPOCH1 = new EpochResult(1, 0.61234, 0.875, 0.5, 0.9, 0.001, 12.34, 8.1, true);
    private static final EpochResult EPOCH2 = new EpochResult(2, 0.4, 0.95, Double.NaN, Double.NaN, 0.0005, 10.0, 10.4, false);

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainModePrintsProgressAtMostEveryIntervalAndOneLinePerEpoch() {
        ProgressPrinter p = new ProgressPrinter(ProgressPrinter.Mode.PLAIN, out, 10, () -> now[0]);
        p.onTrainStart(TrainerSettings.of(2, 10, 1), 100, 20);
        now[0] = SECOND;
        p.onBatchEnd(1, 1, 10, 0.9, 500);      // 1 s after the start: too soon
        now[0] = 11 * SECOND;
        p.onBatchEnd(1, 2, 10, 0.7, 2);        // printed: mean loss 0.8, 8 batches x 10 examples at 2/s = 40 s
        now[0] = 12 * SECOND;
        p.onBatchEnd(1, 3, 10, 0.6, 2);        // 1 s after the last line: too soon
        p.onEpochEnd(EPOCH1);
        p.onEpochEnd(EPOCH2);
        p.onTrainEnd(new TrainingHistory(List.of(EPOCH1, EPOCH2), 1, TrainingHistory.StopReason.COMPLETED, 22.5));
        assertEquals(String.join(NL,
                "epoch 1/2 step 2/10 loss 0.8000 2 ex/s ETA 0:40",
                "epoch 1/2 | train loss 0.6123 acc 87.50% | val loss 0.5000 acc 90.00% | lr 0.001 | 12.3 s 8 ex/s | best",
                "epoch 2/2 | train loss 0.4000 acc 95.00% | lr 0.0005 | 10.0 s 10 ex/s",
                "training completed after 2 epochs in 22.5 s; best epoch 1: val loss 0.5000 acc 90.00% (parameters restored)")
                + NL, text());
    }

    @Test
    void terminalModeRewritesOneLineWithABar() {
        ProgressPrinter p = new ProgressPrinter(ProgressPrinter.Mode.TERMINAL, out, 0, () -> now[0]);
        p.onTrainStart(TrainerSettings.of(2, 10, 1), 100, 0);
        now[0] = SECOND;
        p.onBatchEnd(1, 5, 10, 0.5, 10000);
        now[0] = SECOND + SECOND / 20;
        p.onBatchEnd(1, 6, 10, 0.5, 10);       // 50 ms later: not redrawn
        now[0] = 2 * SECOND;
        p.onBatchEnd(1, 7, 10, 0.5, 10);       // redrawn; 3 characters shorter, so padded with 3 spaces
        p.onEpochEnd(EPOCH2);
        String bar1 = "epoch 1/2 [==========>         ] 5/10 loss 0.5000 10000 ex/s ETA 0:00";
        String bar2 = "epoch 1/2 [==============>     ] 7/10 loss 0.5000 10 ex/s ETA 0:03";
        String epoch = "epoch 2/2 | train loss 0.4000 acc 95.00% | lr 0.0005 | 10.0 s 10 ex/s";
        assertEquals("\r" + bar1 + "\r" + bar2 + "   \r" + epoch + NL, text());
    }

    @Test
    void jsonModeWritesOneObjectPerEpochAndNothingElse() throws Exception {
        ProgressPrinter p = ProgressPrinter.json(out);
        p.onTrainStart(TrainerSettings.of(2, 10, 1), 100, 20);
        p.onBatchEnd(1, 1, 10, 0.9, 500);
        p.onEpochEnd(EPOCH1);
        p.onEpochEnd(EPOCH2);
        p.onTrainEnd(new TrainingHistory(List.of(EPOCH1, EPOCH2), 1, TrainingHistory.StopReason.COMPLETED, 22.5));
        String[] lines = text().split("\\R");
        assertEquals(2, lines.length);
        ObjectMapper m = new ObjectMapper();
        JsonNode a = m.readTree(lines[0]), b = m.readTree(lines[1]);
        assertEquals(1, a.get("epoch").asInt());
        assertEquals(2, a.get("epochs").asInt());
        assertEquals(0.61234, a.get("trainLoss").asDouble());
        assertEquals(0.9, a.get("validationAccuracy").asDouble());
        assertTrue(a.get("best").asBoolean());
        assertTrue(b.get("validationLoss").isNull());
        assertEquals(0.0005, b.get("learningRate").asDouble());
    }

    @Test
    void etaIsMinutesAndSecondsOrHours() {
        assertEquals("0:40", ProgressPrinter.eta(80, 2));
        assertEquals("2:05", ProgressPrinter.eta(125, 1));
        assertEquals("1:01:01", ProgressPrinter.eta(3661, 1));
        assertEquals("?", ProgressPrinter.eta(10, 0));
    }
}
