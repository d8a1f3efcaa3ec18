package org.convkit.train;

import org.convkit.nn.Loss;
import org.convkit.nn.Model;
import org.convkit.nn.Parameter;
import org.convkit.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Mini-batch training of a classifier. Each step runs
 * {@code forward(training) -> loss -> backward -> clip -> optimizer step -> constraints}; each
 * epoch ends with a validation pass in inference mode, the callbacks, and the early-stopping
 * check. The parameters (running statistics included) of the best validation epoch are kept
 * in a copy and put back at the end when {@link EarlyStopping#restoreBest()}.
 *
 * <p>Runs are reproducible: the example order comes from {@link TrainerSettings#seed()}, and a
 * model created with the same seed gives the same losses bit for bit. {@link #requestStop()} may
 * be called from another thread (a Ctrl-C handler): training ends after the current batch.
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, SoftmaxCrossEntropy.plain(), AdadeltaSettings.kim2014().create(),
 *         TrainerSettings.of(25, 50, 1L))
 *     .addConstraint(MaxNorm.of(3, "dense_1.weight"))
 *     .addCallback(ProgressPrinter.auto(System.err));
 * TrainingHistory h = trainer.fit(train, dev);
 * }</pre>
 */
public final class Trainer {
    private final Model model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final TrainerSettings settings;
    private final List<Constraint> constraints = new ArrayList<>();
    private final List<TrainingCallback> callbacks = new ArrayList<>();
    private LearningRateSchedule schedule;
    private volatile boolean stopRequested;
    private final Object runLock = new Object();
    private boolean running;

    /** A trainer of {@code model} with a constant learning rate, no constraints and no callbacks. */
    public Trainer(Model model, Loss loss, Optimizer optimizer, TrainerSettings settings) {
        if (model == null || loss == null || optimizer == null || settings == null) {
            throw new IllegalArgumentException("model, loss, optimizer and settings must not be null");
        }
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.settings = settings;
    }

    /**
     * Sets the learning-rate schedule: before every step the optimiser's rate is set to
     * {@code schedule.rate(epoch, step, stepsPerEpoch, base)} with {@code base} the rate of the
     * optimiser's settings. Without a schedule the optimiser's current rate is left alone.
     */
    public Trainer setSchedule(LearningRateSchedule s) {
        this.schedule = s;
        return this;
    }

    /** Adds a constraint applied after every optimiser step, in the order added. */
    public Trainer addConstraint(Constraint c) {
        constraints.add(c);
        return this;
    }

    /** Adds a callback, called in the order added. */
    public Trainer addCallback(TrainingCallback c) {
        callbacks.add(c);
        return this;
    }

    /** The settings. */
    public TrainerSettings settings() {
        return settings;
    }

    /** Asks a running {@link #fit} to stop after its current batch (thread-safe). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Requests a stop and waits until the running {@link #fit} has returned (best parameters
     * restored, {@link TrainingCallback#onTrainEnd} called), for a JVM shutdown hook: a hook that
     * only called {@link #requestStop()} would let the JVM halt before that.
     *
     * @param timeoutMillis the longest wait, in milliseconds
     * @return true if no fit is running any more, false on timeout
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean stopAndAwait(long timeoutMillis) throws InterruptedException {
        requestStop();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (runLock) {
            while (running) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) return false;
                runLock.wait(left);
            }
        }
        return true;
    }

    /** Trainers whose {@link #fit} is running, for {@link #stopAllAndAwait}. */
    private static final java.util.Set<Trainer> ACTIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Asks every running {@link #fit} in this JVM to stop after its current batch and waits until
     * each has returned with its best parameters restored. For a command line's Ctrl-C hook, where
     * the trainer is deep inside a domain module's training routine.
     *
     * @param timeoutMillis the longest wait per trainer, in milliseconds
     * @return true if no fit is running any more
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public static boolean stopAllAndAwait(long timeoutMillis) throws InterruptedException {
        boolean all = true;
        for (Trainer t : List.copyOf(ACTIVE)) all &= t.stopAndAwait(timeoutMillis);
        return all;
    }

    /** Whether a stop was requested during the current or last run. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Trains the model on {@code train}, evaluating on {@code validation} (may be null: then
     * nothing is monitored and the last parameters are kept).
     *
     * @throws IllegalArgumentException if the data do not fit the model (shape, class count)
     * @throws IllegalStateException    if the loss becomes NaN or infinite, naming the epoch and batch
     */
    public TrainingHistory fit(Dataset train, Dataset validation) {
        return fit(train, validation, 0);
    }

    /**
     * As {@link #fit(Dataset, Dataset)}, starting at 0-based epoch {@code firstEpoch} (to resume
     * from a checkpoint taken after {@code firstEpoch} epochs): the example order and the
     * learning-rate schedule continue as in an uninterrupted run. Epoch numbers in the results
     * count from the start of the whole run.
     *
     * @throws IllegalArgumentException if {@code firstEpoch} is outside {@code [0, epochs)}
     */
    public TrainingHistory fit(Dataset train, Dataset validation, int firstEpoch) {
        if (firstEpoch < 0 || firstEpoch >= settings.epochs()) {
            throw new IllegalArgumentException("first epoch " + firstEpoch + " is outside [0, " + settings.epochs() + ")");
        }
        synchronized (runLock) {
            if (running) throw new IllegalStateException("this trainer is already running fit");
            running = true;
        }
        stopRequested = false;
        ACTIVE.add(this);
        try {
            return run(train, validation, firstEpoch);
        } finally {
            ACTIVE.remove(this);
            synchronized (runLock) {
                running = false;
                runLock.notifyAll();
            }
        }
    }

    private TrainingHistory run(Dataset train, Dataset validation, int firstEpoch) {
        long runStart = System.nanoTime();
        Objective objective = new Objective(loss, model, train, "training");
        Evaluator evaluator = validation == null ? null
                : new Evaluator(model, loss, validation, settings.batchSize(), "validation");
        if (validation != null && validation.numClasses() != train.numClasses()) {
            throw new IllegalArgumentException("validation data has " + validation.numClasses() + " classes, training data "
                    + train.numClasses());
        }
        List<Parameter> params = List.copyOf(model.parameters().values());
        MiniBatches batches = new MiniBatches(train, settings.batchSize(), true, settings.seed());
        int steps = batches.batchCount();
        double baseRate = optimizer.settings().learningRate();
        EarlyStopping es = settings.earlyStopping();
        GradientClipping clip = settings.clipping();
        float[][] bestValues = null;
        double bestMetric = Double.NaN;
        int bestEpoch = 0, sinceBest = 0;
        List<EpochResult> results = new ArrayList<>();
        TrainingHistory.StopReason reason = TrainingHistory.StopReason.COMPLETED;

        for (TrainingCallback c : callbacks) c.onTrainStart(settings, train.size(), validation == null ? 0 : validation.size());
        for (int epoch = firstEpoch; epoch < settings.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            batches.startEpoch(epoch);
            double lossSum = 0;
            long correct = 0;
            int seen = 0;
            while (batches.next()) {
                int step = batches.batchIndex(), n = batches.size();
                if (schedule != null) optimizer.setLearningRate(schedule.rate(epoch, step, steps, baseRate));
                Tensor labels = batches.labels();
                Tensor out = model.forward(true, batches.inputs());
                double l = objective.compute(out, labels);
                if (!Double.isFinite(l)) {
                    throw new IllegalStateException("training loss is " + l + " at epoch " + (epoch + 1) + ", batch " + (step + 1)
                            + " of " + steps + " (learning rate " + optimizer.learningRate()
                            + "); the parameters diverged: lower the learning rate or clip gradients");
                }
                correct += objective.countCorrect(out, labels);
                model.backward(objective.lastGradient());
                if (clip.enabled()) clip.apply(params);
                optimizer.step(params);
                for (int c = 0; c < constraints.size(); c++) constraints.get(c).apply(model);
                lossSum += l * n;
                seen += n;
                double rate = seen / seconds(epochStart);
                for (int c = 0; c < callbacks.size(); c++) callbacks.get(c).onBatchEnd(epoch + 1, step + 1, steps, l, rate);
                if (stopRequested) break;
            }
            if (seen < train.size()) { // stopped inside the epoch: it is not recorded
                reason = TrainingHistory.StopReason.STOP_REQUESTED;
                break;
            }
            double trainSeconds = seconds(epochStart);
            double vLoss = Double.NaN, vAcc = Double.NaN;
            boolean best = false;
            boolean evaluate = evaluator != null && ((epoch + 1) % settings.evaluateEvery() == 0 || epoch + 1 == settings.epochs());
            if (evaluate) {
                evaluator.run(false);
                vLoss = evaluator.loss();
                vAcc = evaluator.accuracy();
                double metric = es.monitor() == EarlyStopping.Monitor.VALIDATION_ACCURACY ? vAcc : vLoss;
                if (es.improves(metric, bestMetric)) {
                    best = true;
                    bestMetric = metric;
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                    if (es.restoreBest()) bestValues = snapshot(params, bestValues);
                } else {
                    sinceBest++;
                }
            }
            EpochResult r = new EpochResult(epoch + 1, lossSum / seen, (double) correct / seen, vLoss, vAcc,
                    optimizer.learningRate(), seconds(epochStart), seen / trainSeconds, best);
            results.add(r);
            for (TrainingCallback c : callbacks) c.onEpochEnd(r);
            if (stopRequested) {
                reason = TrainingHistory.StopReason.STOP_REQUESTED;
                break;
            }
            if (evaluate && es.patience() > 0 && sinceBest >= es.patience()) {
                reason = TrainingHistory.StopReason.EARLY_STOPPING;
                break;
            }
        }
        if (bestValues != null) restore(params, bestValues);
        TrainingHistory h = new TrainingHistory(results, bestEpoch, reason, seconds(runStart));
        for (TrainingCallback c : callbacks) c.onTrainEnd(h);
        return h;
    }

    /**
     * Runs {@code model} over {@code data} in inference mode, {@code batchSize} examples at a time.
     *
     * @return mean loss, accuracy, and per-example labels, predictions and class probabilities
     * @throws IllegalArgumentException if the data do not fit the model (shape, class count)
     */
    public static Evaluation evaluate(Model model, Loss loss, Dataset data, int batchSize) {
        return new Evaluator(model, loss, data, batchSize, "evaluation").run(true);
    }

    private static float[][] snapshot(List<Parameter> params, float[][] into) {
        float[][] s = into != null ? into : new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (s[i] == null) s[i] = new float[p.size()];
            System.arraycopy(p.value().data(), 0, s[i], 0, p.size());
        }
        return s;
    }

    private static void restore(List<Parameter> params, float[][] values) {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            System.arraycopy(values[i], 0, p.value().data(), 0, p.size());
            p.markChanged();
        }
    }

    private static double seconds(long startNanos) {
        return Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }
}
