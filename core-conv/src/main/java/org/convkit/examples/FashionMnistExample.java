package org.convkit.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convkit.io.ConvkitJson;
import org.convkit.io.ModelFile;
import org.convkit.nn.Conv2d;
import org.convkit.nn.Dense;
import org.convkit.nn.Dropout;
import org.convkit.nn.Flatten;
import org.convkit.nn.MaxPool2d;
import org.convkit.nn.Model;
import org.convkit.nn.ModelBuilder;
import org.convkit.nn.ModelSpec;
import org.convkit.nn.Node;
import org.convkit.nn.Padding;
import org.convkit.nn.Relu;
import org.convkit.nn.SoftmaxCrossEntropy;
import org.convkit.ops.Parallel;
import org.convkit.train.AdamSettings;
import org.convkit.train.ArrayDataset;
import org.convkit.train.Dataset;
import org.convkit.train.EarlyStopping;
import org.convkit.train.Evaluation;
import org.convkit.train.ProgressPrinter;
import org.convkit.train.Trainer;
import org.convkit.train.TrainerSettings;
import org.convkit.train.TrainingHistory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The core's real-data check: a small Keras-example-style CNN on Fashion-MNIST.
 * Two 3x3 convolutions (32 and 64 filters, "same" padding) each followed by ReLU and 2x2 max
 * pooling, dropout 0.25, a dense layer of 128 with ReLU, dropout 0.5 and a dense softmax layer of
 * 10, trained with Adam (lr 1e-3) on 55,000 images, the best epoch chosen on the 5,000 held out,
 * then scored once on the 10,000 test images.
 */
public final class FashionMnistExample {

    /** Settings of a run. */
    public record Settings(Path dataDir, int epochs, int batchSize, double learningRate, int validationSize, long seed,
                           int threads, Path out, boolean json) {
        public static Settings defaults() {
            return new Settings(FashionMnist.DEFAULT_DIR, 6, 64, 1e-3, 5000, 1, Runtime.getRuntime().availableProcessors(),
                    null, false);
        }
    }

    /** What a run measured. */
    public record Result(double testAccuracy, double testLoss, int bestEpoch, double trainSeconds, long parameters,
                         TrainingHistory history) {
    }

    private FashionMnistExample() {
    }

    /** The network, for 1x28x28 images and 10 classes. */
    public static ModelSpec network() {
        ModelBuilder b = new ModelBuilder("fashion-mnist-cnn");
        Node x = b.input("image", 1, 28, 28);
        x = x.then("conv1", Conv2d.of(32, 3).withPadding(Padding.same())).then("relu1", new Relu())
                .then("pool1", MaxPool2d.of(2));
        x = x.then("conv2", Conv2d.of(64, 3).withPadding(Padding.same())).then("relu2", new Relu())
                .then("pool2", MaxPool2d.of(2));
        x = x.then("dropout1", new Dropout(0.25)).then("flatten", new Flatten())
                .then("dense1", Dense.of(128)).then("relu3", new Relu()).then("dropout2", new Dropout(0.5))
                .then("output", Dense.of(10));
        return b.build(x);
    }

    /** Trains and evaluates; progress and results go to {@code out}. */
    public static Result run(Settings s, PrintStream out) throws IOException {
        Parallel.setThreads(s.threads());
        ArrayDataset all = FashionMnist.train(s.dataDir());
        ArrayDataset test = FashionMnist.test(s.dataDir());
        // A seeded split of the training images into training and validation.
        int[] order = new int[all.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        SplittableRandom r = new SplittableRandom(s.seed());
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Dataset validation = all.subset(java.util.Arrays.copyOfRange(order, 0, s.validationSize()));
        Dataset train = all.subset(java.util.Arrays.copyOfRange(order, s.validationSize(), order.length));

        Model model = Model.create(network(), s.seed());
        if (!s.json()) {
            out.println(model.summary());
            out.printf("Fashion-MNIST: %d training, %d validation, %d test images; %d threads%n",
                    train.size(), validation.size(), test.size(), Parallel.threads());
        }
        SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.plain();
        TrainerSettings ts = TrainerSettings.of(s.epochs(), s.batchSize(), s.seed())
                .withEarlyStopping(EarlyStopping.keepBestAccuracy());
        Trainer trainer = new Trainer(model, loss, AdamSettings.adam(s.learningRate()).create(), ts)
                .addCallback(s.json() ? ProgressPrinter.json(out) : ProgressPrinter.auto(out));
        // Ctrl-C: stop after the current batch, let fit restore the best weights, and let the main
        // thread finish saving before the JVM halts (it halts as soon as this hook returns).
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            try {
                trainer.stopAndAwait(60_000);
                finished.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(stopper);
        TrainingHistory h;
        try {
            h = trainer.fit(train, validation);
        } catch (RuntimeException e) {
            finished.countDown();
            throw e;
        }
        Evaluation ev = Trainer.evaluate(model, loss, test, 256);
        Result res = new Result(ev.accuracy(), ev.loss(), h.bestEpoch(), h.seconds(), model.trainableParameterCount(), h);
        ObjectNode summary = ConvkitJson.mapper().createObjectNode();
        summary.put("dataset", "fashion-mnist");
        summary.put("test_accuracy", ev.accuracy());
        summary.put("test_loss", ev.loss());
        summary.put("best_epoch", h.bestEpoch());
        summary.put("epochs_run", h.epochs().size());
        summary.put("train_seconds", Math.round(h.seconds() * 10) / 10.0);
        summary.put("parameters", model.trainableParameterCount());
        summary.put("seed", s.seed());
        summary.put("threads", Parallel.threads());
        if (s.out() != null) {
            ObjectNode meta = summary.deepCopy();
            meta.set("labels", ConvkitJson.mapper().valueToTree(FashionMnist.CLASSES));
            ModelFile.save(s.out(), model, meta);
        }
        if (s.json()) {
            out.println(ConvkitJson.mapper().writeValueAsString(summary));
        } else {
            out.printf("Fashion-MNIST test accuracy %.2f%% (loss %.4f) after %d epoch(s), best epoch %d, training %.0f s%n",
                    100 * ev.accuracy(), ev.loss(), h.epochs().size(), h.bestEpoch(), h.seconds());
            if (s.out() != null) out.println("model saved to " + s.out());
        }
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is waiting for the latch released above
        }
        return res;
    }
}
