package org.convkit.audio.stream;

import java.util.List;
import java.util.function.Consumer;

/**
 * The decision rule of the spotter, separate from the model so that a recorded posterior trace can
 * be replayed at many thresholds. Fed the smoothed posteriors of each evaluation in time order:
 * when the best keyword's posterior reaches the threshold (outside the refractory period), a
 * candidate opens; it follows the peak of the best keyword (taking another keyword's label when that
 * one rises above the peak so far) and is emitted when the candidate's posterior falls below the
 * threshold or {@code holdSeconds} after the crossing; then nothing opens for
 * {@code refractorySeconds} after the peak. Classes marked as non-keywords (silence, unknown) never
 * fire. Not thread-safe.
 */
final class ThresholdDetector {

    private final List<String> labels;
    private final boolean[] keyword;
    private final double threshold;
    private final double refractory;
    private final double hold;
    private final double windowSeconds;
    private final Consumer<Detection> sink;
    private int candidate = -1;
    private double crossTime;
    private double peak;
    private double peakTime;
    private double quietUntil = Double.NEGATIVE_INFINITY;

    ThresholdDetector(List<String> labels, boolean[] keyword, SpotterSettings s, double windowSeconds,
                      Consumer<Detection> sink) {
        this.labels = labels;
        this.keyword = keyword;
        this.threshold = s.threshold();
        this.refractory = s.refractorySeconds();
        this.hold = s.holdSeconds();
        this.windowSeconds = windowSeconds;
        this.sink = sink;
    }

    /** One evaluation: {@code time} is the end of the analysis window in seconds. */
    void update(double time, float[] smoothed) {
        int best = -1;
        for (int c = 0; c < smoothed.length; c++) {
            if (keyword[c] && (best < 0 || smoothed[c] > smoothed[best])) {
                best = c;
            }
        }
        if (candidate >= 0) {
            // Follow the peak of the best keyword: a window that holds only the start of a word can
            // favour another keyword, and the later, fuller windows correct it.
            if (best >= 0 && smoothed[best] > peak) {
                candidate = best;
                peak = smoothed[best];
                peakTime = time;
            }
            if (smoothed[candidate] < threshold || time - crossTime >= hold) {
                emit();
            }
            return;
        }
        if (time < quietUntil) {
            return;
        }
        if (best >= 0 && smoothed[best] >= threshold) {
            candidate = best;
            crossTime = time;
            peak = smoothed[best];
            peakTime = time;
            if (hold == 0) {
                emit();
            }
        }
    }

    /** Emits a pending candidate (end of stream). */
    void finish() {
        if (candidate >= 0) {
            emit();
        }
    }

    private void emit() {
        sink.accept(new Detection(labels.get(candidate), Math.max(0, peakTime - windowSeconds), peakTime, peak));
        quietUntil = peakTime + refractory;
        candidate = -1;
    }
}
