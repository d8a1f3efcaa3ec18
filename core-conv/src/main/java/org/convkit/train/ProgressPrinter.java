package org.convkit.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Console;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Reports training progress on a {@link PrintStream}, in one of three forms:
 * <ul>
 *   <li>{@link Mode#TERMINAL}: a one-line bar rewritten in place with {@code \r}
 *       ({@code epoch 2/10 [=====>              ] 120/469 loss 0.4321 1234 ex/s ETA 0:35}),
 *       at most ten times a second, then one line per epoch;</li>
 *   <li>{@link Mode#PLAIN}: for logs, a progress line ({@code epoch 2/10 step 120/469 loss 0.4321
 *       1234 ex/s ETA 0:35}) at most every {@code intervalSeconds}, and one line per epoch
 *       ({@code epoch 2/10 | train loss 0.4321 acc 87.12% | val loss 0.3912 acc 89.01% | lr 0.001 |
 *       12.3 s 4567 ex/s | best});</li>
 *   <li>{@link Mode#JSON}: one JSON object per epoch and nothing else (JSON lines, for
 *       {@code --json}), with the fields of {@link EpochResult} plus {@code epochs}; values not
 *       measured (validation without a validation set) are {@code null}.</li>
 * </ul>
 * The loss in progress lines is the mean of the epoch's batch losses so far; the ETA is the
 * epoch's remaining examples at the current throughput. Numbers use a dot as decimal separator.
 */
public final class ProgressPrinter implements TrainingCallback {

    /** The output form. */
    public enum Mode {
        /** Updating one-line bar, for an interactive terminal. */
        TERMINAL,
        /** Occasional plain lines, for logs and CI. */
        PLAIN,
        /** One JSON object per epoch. */
        JSON
    }

    private static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 20;

    private final Mode mode;
    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final ObjectMapper json;
    private TrainerSettings settings;
    private long lastPrint;
    private double epochLossSum;
    private int epochLossCount;
    private int barLength;
    private final StringBuilder line = new StringBuilder(160);

    ProgressPrinter(Mode mode, PrintStream out, double intervalSeconds, LongSupplier nanoClock) {
        if (out == null || mode == null) throw new IllegalArgumentException("mode and output stream must not be null");
        if (!(intervalSeconds >= 0) || Double.isInfinite(intervalSeconds)) {
            throw new IllegalArgumentException("intervalSeconds must be finite and >= 0, got " + intervalSeconds);
        }
        this.mode = mode;
        this.out = out;
        this.intervalNanos = mode == Mode.TERMINAL ? TERMINAL_INTERVAL_NANOS : (long) (intervalSeconds * 1e9);
        this.clock = nanoClock;
        this.json = mode == Mode.JSON ? new ObjectMapper() : null;
    }

    /**
     * {@link Mode#TERMINAL} when the process runs in an interactive terminal and the {@code CI}
     * environment variable is unset, else {@link Mode#PLAIN} with a line at most every 10 seconds.
     */
    public static ProgressPrinter auto(PrintStream out) {
        return interactive() ? terminal(out) : plain(out, 10);
    }

    /** An updating one-line bar. */
    public static ProgressPrinter terminal(PrintStream out) {
        return new ProgressPrinter(Mode.TERMINAL, out, 0, System::nanoTime);
    }

    /** Plain lines: progress at most every {@code intervalSeconds} seconds, and one line per epoch. */
    public static ProgressPrinter plain(PrintStream out, double intervalSeconds) {
        return new ProgressPrinter(Mode.PLAIN, out, intervalSeconds, System::nanoTime);
    }

    /** One JSON object per epoch. */
    public static ProgressPrinter json(PrintStream out) {
        return new ProgressPrinter(Mode.JSON, out, 0, System::nanoTime);
    }

    /** The output form. */
    public Mode mode() {
        return mode;
    }

    /** Whether standard output is an interactive terminal and no {@code CI} variable is set. */
    static boolean interactive() {
        if (System.getenv("CI") != null) return false;
        Console c = System.console();
        if (c == null) return false;
        try { // Java 22+ returns a console for redirected streams too; isTerminal() tells them apart
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console exists only for a terminal
        }
    }

    @Override
    public void onTrainStart(TrainerSettings s, int trainExamples, int validationExamples) {
        this.settings = s;
        this.lastPrint = clock.getAsLong();
        this.epochLossSum = 0;
        this.epochLossCount = 0;
        this.barLength = 0;
    }

    @Override
    public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double loss, double examplesPerSecond) {
        if (step == 1) {
            epochLossSum = 0;
            epochLossCount = 0;
        }
        epochLossSum += loss;
        epochLossCount++;
        if (mode == Mode.JSON) return;
        long now = clock.getAsLong();
        if (now - lastPrint < intervalNanos) return;
        lastPrint = now;
        double meanLoss = epochLossSum / epochLossCount;
        String eta = eta((long) (stepsPerEpoch - step) * batchSize(), examplesPerSecond);
        line.setLength(0);
        if (mode == Mode.PLAIN) {
            line.append(String.format(Locale.ROOT, "epoch %d/%d step %d/%d loss %.4f %.0f ex/s ETA %s",
                    epoch, epochs(), step, stepsPerEpoch, meanLoss, examplesPerSecond, eta));
            out.println(line);
        } else {
            int filled = (int) ((long) BAR_WIDTH * step / stepsPerEpoch);
            line.append(String.format(Locale.ROOT, "epoch %d/%d [", epoch, epochs()));
            for (int i = 0; i < BAR_WIDTH; i++) line.append(i < filled ? '=' : i == filled ? '>' : ' ');
            line.append(String.format(Locale.ROOT, "] %d/%d loss %.4f %.0f ex/s ETA %s",
                    step, stepsPerEpoch, meanLoss, examplesPerSecond, eta));
            rewrite();
        }
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        if (mode == Mode.JSON) {
            ObjectNode o = json.createObjectNode();
            o.put("epoch", r.epoch());
            o.put("epochs", epochs());
            number(o, "trainLoss", r.trainLoss());
            number(o, "trainAccuracy", r.trainAccuracy());
            number(o, "validationLoss", r.validationLoss());
            number(o, "validationAccuracy", r.validationAccuracy());
            number(o, "learningRate", r.learningRate());
            number(o, "seconds", r.seconds());
            number(o, "examplesPerSecond", r.examplesPerSecond());
            o.put("best", r.best());
            out.println(o.toString());
            out.flush();
            return;
        }
        line.setLength(0);
        line.append(String.format(Locale.ROOT, "epoch %d/%d | train loss %.4f acc %.2f%%",
                r.epoch(), epochs(), r.trainLoss(), 100 * r.trainAccuracy()));
        if (r.evaluated()) {
            line.append(String.format(Locale.ROOT, " | val loss %.4f acc %.2f%%", r.validationLoss(), 100 * r.validationAccuracy()));
        }
        line.append(" | lr ").append(rate(r.learningRate()));
        line.append(String.format(Locale.ROOT, " | %.1f s %.0f ex/s", r.seconds(), r.examplesPerSecond()));
        if (r.best()) line.append(" | best");
        if (mode == Mode.TERMINAL) {
            rewrite();
            out.println();
            barLength = 0;
        } else {
            out.println(line);
        }
        out.flush();
        lastPrint = clock.getAsLong();
    }

    @Override
    public void onTrainEnd(TrainingHistory h) {
        if (mode == Mode.JSON) return;
        if (barLength > 0) { // a bar of an unfinished epoch is on screen
            out.println();
            barLength = 0;
        }
        String how = switch (h.stopReason()) {
            case COMPLETED -> "completed";
            case EARLY_STOPPING -> "stopped early";
            case STOP_REQUESTED -> "stopped on request";
        };
        line.setLength(0);
        line.append(String.format(Locale.ROOT, "training %s after %d epoch%s in %.1f s", how, h.epochs().size(),
                h.epochs().size() == 1 ? "" : "s", h.seconds()));
        h.best().ifPresent(b -> line.append(String.format(Locale.ROOT, "; best epoch %d: val loss %.4f acc %.2f%%%s",
                b.epoch(), b.validationLoss(), 100 * b.validationAccuracy(),
                settings != null && settings.earlyStopping().restoreBest() ? " (parameters restored)" : "")));
        out.println(line);
        out.flush();
    }

    private void rewrite() {
        int len = line.length();
        out.print('\r');
        out.print(line);
        for (int i = len; i < barLength; i++) out.print(' ');
        out.flush();
        barLength = len;
    }

    private int epochs() {
        return settings == null ? 0 : settings.epochs();
    }

    private int batchSize() {
        return settings == null ? 0 : settings.batchSize();
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) o.put(field, v);
        else o.putNull(field);
    }

    /** A learning rate to 3 significant digits without trailing zeros ({@code 0.001}, {@code 2.5E-7}). */
    static String rate(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == 0) return "0";
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toString();
    }

    /** Time to process {@code examples} at {@code rate} per second, as {@code m:ss} or {@code h:mm:ss}. */
    static String eta(long examples, double rate) {
        if (!(rate > 0)) return "?";
        long s = Math.round(examples / rate);
        if (s >= 3600) return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
