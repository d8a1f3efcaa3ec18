package org.convkit.train;

import org.convkit.nn.BinaryCrossEntropy;
import org.convkit.nn.Conv2d;
import org.convkit.nn.Dense;
import org.convkit.nn.Dropout;
import org.convkit.nn.Flatten;
import org.convkit.nn.Model;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.Node;
import org.convkit.nn.Parameter;
import org.convkit.nn.Relu;
import org.convkit.nn.SoftmaxCrossEntropy;
import org.convkit.tensor.Shape;
import org.convkit.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static final SoftmaxCrossEntropy CE = SoftmaxCrossEntropy.plain();

    private static float[][] values(Model m) {
        List<float[]> v = new ArrayList<>();
        for (Parameter p : m.parameters().values()) v.add(p.value().toArray());
        return v.toArray(new float[0][]);
    }

    /** Records every parameter's values at the end of each epoch. */
    private static final class Snapshots implements TrainingCallback {
        final Map<Integer, float[][]> byEpoch = new LinkedHashMap<>();
        final Model model;

        Snapshots(Model model) {
            this.model = model;
        }

        @Override
        public void onEpochEnd(EpochResult result) {
            byEpoch.put(result.epoch(), values(model));
        }
    }

    @Test
    void smallConvNetLearnsTheBarsTaskAbove95PercentOnHeldOutData() {
        Dataset train = Bars.generate(400, 11), dev = Bars.generate(100, 13), test = Bars.generate(300, 12);
        Model model = TinyModels.smallConvNet(2, 21);
        TrainerSettings settings = TrainerSettings.of(8, 20, 5)
                .withEarlyStopping(new EarlyStopping(EarlyStopping.Monitor.VALIDATION_LOSS, 0, 0, true));
        TrainingHistory h = new Trainer(model, CE, AdamSettings.adam(0.01).create(), settings).fit(train, dev);
        Evaluation e = Trainer.evaluate(model, CE, test, 64);
        System.out.printf("bars task: train loss per epoch %s; held-out accuracy %.4f, loss %.4f%n",
                java.util.Arrays.toString(h.trainLosses()) + " dev " + java.util.Arrays.toString(h.validationAccuracies()) + " best " + h.bestEpoch(), e.accuracy(), e.loss());
        assertTrue(e.accuracy() > 0.95, "held-out accuracy " + e.accuracy());
        assertTrue(h.trainLosses()[7] < h.trainLosses()[0], "training loss did not fall");
        assertEquals(8, h.epochs().size());
        assertEquals(TrainingHistory.StopReason.COMPLETED, h.stopReason());
    }

    @Test
    void singleLogitBinaryCrossEntropyLearnsTheBarsTask() {
        Dataset train = Bars.generate(400, 31), test = Bars.generate(300, 32);
        Model model = TinyModels.smallConvNet(1, 33);
        BinaryCrossEntropy bce = BinaryCrossEntropy.plain();
        new Trainer(model, bce, AdamSettings.adam(0.01).create(), TrainerSettings.of(8, 20, 5)).fit(train, null);
        Evaluation e = Trainer.evaluate(model, bce, test, 50);
        assertTrue(e.accuracy() > 0.95, "held-out accuracy " + e.accuracy());
        for (int i = 0; i < e.size(); i++) {
            assertEquals(1f, e.probability(i, 0) + e.probability(i, 1), 1e-6f);
            assertEquals(e.probability(i, 1) > 0.5f ? 1 : 0, e.predictions()[i]);
        }
    }

    private static Model dropoutNet(long seed) {
        ModelBuilder b = new ModelBuilder("dropout-cnn");
        Node x = b.input("image", 1, 8, 8);
        x = x.then(Conv2d.of(4, 3)).then(new Relu()).then(new Flatten()).then(new Dropout(0.3)).then(Dense.of(2));
        return Model.create(b.build(x), seed);
    }

    private static TrainingHistory run(long modelSeed, long trainSeed, ByteArrayOutputStream log) {
        Model model = dropoutNet(modelSeed);
        Trainer t = new Trainer(model, CE, SgdSettings.of(0.05).withMomentum(0.9, true).create(),
                TrainerSettings.of(2, 16, trainSeed).withClipping(GradientClipping.byNorm(1)));
        if (log != null) t.addCallback(new ProgressPrinter(ProgressPrinter.Mode.PLAIN,
                new PrintStream(log, true, StandardCharsets.UTF_8), 3600, () -> 0L));
        return t.fit(Bars.generate(150, 1), Bars.generate(50, 2));
    }

    @Test
    void sameSeedsGiveBitIdenticalLossHistories() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingHistory a = run(3, 4, log), b = run(3, 4, null);
        assertArrayEquals(a.trainLosses(), b.trainLosses());
        assertArrayEquals(a.validationLosses(), b.validationLosses());
        assertArrayEquals(a.validationAccuracies(), b.validationAccuracies());
        assertFalse(java.util.Arrays.equals(a.trainLosses(), run(3, 5, null).trainLosses()),
                "another shuffling seed gave the same losses");
        String[] lines = log.toString(StandardCharsets.UTF_8).split("\\R");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("epoch 1/2 | train loss "), lines[0]);
        assertTrue(lines[1].startsWith("epoch 2/2 | train loss "), lines[1]);
        assertTrue(lines[2].startsWith("training completed after 2 epochs"), lines[2]);
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestEpochsParameters() {
        // validation labels are the opposite of the task's: validation loss is lowest before much is learned
        Dataset train = Bars.generate(200, 41), flipped = Bars.generate(100, 42, true);
        Model model = TinyModels.smallConvNet(2, 43);
        Snapshots snaps = new Snapshots(model);
        TrainerSettings s = TrainerSettings.of(20, 20, 7)
                .withEarlyStopping(EarlyStopping.of(EarlyStopping.Monitor.VALIDATION_LOSS, 2));
        TrainingHistory h = new Trainer(model, CE, AdamSettings.adam(0.01).create(), s).addCallback(snaps).fit(train, flipped);

        assertEquals(TrainingHistory.StopReason.EARLY_STOPPING, h.stopReason());
        int best = h.bestEpoch(), last = h.epochs().size();
        assertEquals(best + 2, last);
        assertTrue(last < 20);
        double bestLoss = h.best().orElseThrow().validationLoss();
        for (double v : h.validationLosses()) assertTrue(bestLoss <= v);
        float[][] now = values(model);
        float[][] atBest = snaps.byEpoch.get(best), atLast = snaps.byEpoch.get(last);
        for (int i = 0; i < now.length; i++) assertArrayEquals(atBest[i], now[i], "parameter " + i);
        assertFalse(java.util.Arrays.equals(atLast[0], now[0]), "the last epoch's parameters were kept");
        // the restored model reproduces the best epoch's validation loss exactly
        assertEquals(bestLoss, Trainer.evaluate(model, CE, flipped, 20).loss());
        System.out.printf("early stopping: validation losses %s; best epoch %d, stopped after epoch %d%n",
                java.util.Arrays.toString(h.validationLosses()), best, last);
    }

    @Test
    void stopRequestEndsAfterTheCurrentBatchKeepingTheBestParameters() {
        Model model = TinyModels.smallConvNet(2, 51);
        Snapshots snaps = new Snapshots(model);
        Trainer t = new Trainer(model, CE, AdamSettings.adam(0.01).create(), TrainerSettings.of(5, 20, 1));
        List<String> batchesSeen = new ArrayList<>();
        t.addCallback(snaps).addCallback(new TrainingCallback() {
            @Override
            public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double loss, double examplesPerSecond) {
                batchesSeen.add(epoch + "." + step);
                if (epoch == 2 && step == 3) t.requestStop();
            }
        });
        TrainingHistory h = t.fit(Bars.generate(200, 52), Bars.generate(60, 53));
        assertEquals(TrainingHistory.StopReason.STOP_REQUESTED, h.stopReason());
        assertEquals("2.3", batchesSeen.get(batchesSeen.size() - 1));
        assertEquals(1, h.epochs().size());
        assertEquals(1, h.bestEpoch());
        float[][] now = values(model), atBest = snaps.byEpoch.get(1);
        for (int i = 0; i < now.length; i++) assertArrayEquals(atBest[i], now[i]);
    }

    @Test
    void stopAndAwaitReturnsOnlyAfterTrainingHasEnded() throws Exception {
        Model model = TinyModels.smallConvNet(2, 55);
        Trainer t = new Trainer(model, CE, AdamSettings.adam(0.01).create(), TrainerSettings.of(50, 20, 1));
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> seenByHook = new java.util.concurrent.atomic.AtomicReference<>();
        Thread hook = new Thread(() -> {
            try {
                boolean done = t.stopAndAwait(60_000);
                seenByHook.set(done + " " + ended.get());
            } catch (InterruptedException e) {
                seenByHook.set("interrupted");
            }
        });
        t.addCallback(new TrainingCallback() {
            @Override
            public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double loss, double examplesPerSecond) {
                if (epoch == 2 && step == 1) hook.start(); // like a Ctrl-C shutdown hook, on another thread
            }

            @Override
            public void onTrainEnd(TrainingHistory history) {
                ended.set(true);
            }
        });
        TrainingHistory h = t.fit(Bars.generate(200, 56), Bars.generate(40, 57));
        hook.join(60_000);
        assertEquals("true true", seenByHook.get());
        assertEquals(TrainingHistory.StopReason.STOP_REQUESTED, h.stopReason());
        assertTrue(h.epochs().size() < 50);
    }

    @Test
    void stopAllAndAwaitStopsARunningFitItDoesNotHoldAReferenceTo() throws Exception {
        Model model = TinyModels.smallConvNet(2, 55);
        Trainer t = new Trainer(model, CE, AdamSettings.adam(0.01).create(), TrainerSettings.of(50, 20, 1));
        java.util.concurrent.atomic.AtomicReference<String> seenByHook = new java.util.concurrent.atomic.AtomicReference<>();
        Thread hook = new Thread(() -> {
            try {
                seenByHook.set(Boolean.toString(Trainer.stopAllAndAwait(60_000)));
            } catch (InterruptedException e) {
                seenByHook.set("interrupted");
            }
        });
        t.addCallback(new TrainingCallback() {
            @Override
            public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double loss, double examplesPerSecond) {
                if (epoch == 2 && step == 1) hook.start();
            }
        });
        TrainingHistory h = t.fit(Bars.generate(200, 56), Bars.generate(40, 57));
        hook.join(60_000);
        assertEquals("true", seenByHook.get());
        assertEquals(TrainingHistory.StopReason.STOP_REQUESTED, h.stopReason());
        assertTrue(Trainer.stopAllAndAwait(1), "no fit is running any more");
    }

    @Test
    void scheduleAndMaxNormAreAppliedEveryStep() {
        Model model = TinyModels.smallConvNet(2, 61);
        TrainingHistory h = new Trainer(model, CE, SgdSettings.of(0.1).create(), TrainerSettings.of(3, 25, 2))
                .setSchedule(new StepDecay(1, 0.5))
                .addConstraint(MaxNorm.of(0.2, "dense.weight"))
                .fit(Bars.generate(100, 62), Bars.generate(40, 63));
        assertEquals(0.1, h.epochs().get(0).learningRate(), 1e-15);
        assertEquals(0.05, h.epochs().get(1).learningRate(), 1e-15);
        assertEquals(0.025, h.epochs().get(2).learningRate(), 1e-15);
        float[] w = model.parameter("dense.weight").value().toArray();
        int cols = w.length / 2;
        for (int r = 0; r < 2; r++) {
            double ss = 0;
            for (int j = 0; j < cols; j++) ss += (double) w[r * cols + j] * w[r * cols + j];
            assertTrue(Math.sqrt(ss) <= 0.2 + 1e-6, "row " + r + " norm " + Math.sqrt(ss));
        }
    }

    @Test
    void evaluationAgreesWithAFullBatchComputation() {
        Model model = TinyModels.smallConvNet(2, 71);
        ArrayDataset data = Bars.generate(37, 72);
        Evaluation e = Trainer.evaluate(model, CE, data, 8); // batches of 8 with a last batch of 5
        float[] all = new float[37 * 64];
        float[] labels = new float[37];
        for (int i = 0; i < 37; i++) {
            data.copyInput(i, all, i * 64);
            labels[i] = data.label(i);
        }
        Tensor logits = model.predict(Tensor.wrap(all, 37, 1, 8, 8));
        double full = CE.compute(logits, Tensor.wrap(labels, 37), Tensor.zeros(37, 2));
        assertEquals(full, e.loss(), 1e-6);
        int correct = 0;
        long[][] cm = e.confusionMatrix();
        for (int i = 0; i < 37; i++) {
            float z0 = logits.get(i, 0), z1 = logits.get(i, 1);
            double p1 = 1 / (1 + Math.exp(z0 - z1)); // softmax of two logits
            assertEquals(p1, e.probability(i, 1), 1e-6);
            assertEquals(1 - p1, e.probability(i, 0), 1e-6);
            int pred = z1 > z0 ? 1 : 0;
            assertEquals(pred, e.predictions()[i]);
            assertEquals(data.label(i), e.labels()[i]);
            if (pred == data.label(i)) correct++;
        }
        assertEquals(correct / 37.0, e.accuracy(), 1e-15);
        assertEquals(correct, cm[0][0] + cm[1][1]);
        assertEquals(37, cm[0][0] + cm[0][1] + cm[1][0] + cm[1][1]);
    }

    @Test
    void rejectsDataThatDoesNotFitTheModel() {
        Model model = TinyModels.smallConvNet(2, 81);
        Trainer t = new Trainer(model, CE, SgdSettings.of(0.1).create(), TrainerSettings.of(1, 10, 1));
        ArrayDataset wrongShape = new ArrayDataset(Shape.of(1, 9, 9), new float[81], new int[]{0}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(wrongShape, null));
        assertTrue(e.getMessage().contains("1x9x9") && e.getMessage().contains("1x8x8"), e.getMessage());
        ArrayDataset threeClasses = new ArrayDataset(Shape.of(1, 8, 8), new float[64], new int[]{2}, 3);
        e = assertThrows(IllegalArgumentException.class, () -> t.fit(threeClasses, null));
        assertTrue(e.getMessage().contains("3 classes"), e.getMessage());
    }

    @Test
    void divergingLossIsReportedWithEpochAndBatch() {
        Model model = TinyModels.smallConvNet(2, 91);
        Trainer t = new Trainer(model, CE, SgdSettings.of(1e35).create(), TrainerSettings.of(3, 10, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fit(Bars.generate(60, 92), null));
        assertTrue(e.getMessage().matches("training loss is .* at epoch \\d+, batch \\d+ of 6 .*"), e.getMessage());
    }
}
