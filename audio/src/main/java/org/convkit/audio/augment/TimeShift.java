package org.convkit.audio.augment;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Random time shift with zero fill, keeping the length (TensorFlow speech_commands
 * {@code --time_shift_ms}, default 100 ms): the shift s is drawn uniformly from the integers
 * [-maxShift, +maxShift] (one {@code nextInt(-maxShift, maxShift + 1)} draw; TensorFlow's
 * {@code randint(-s, s)} excludes +s, this is symmetric); out[i] = in[i - s] where that index
 * exists, else 0. A positive shift delays the sound.
 */
public final class TimeShift {

    private final int maxShift;

    /**
     * Creates the augmentation.
     *
     * @param maxShiftSamples largest shift in samples, &gt;= 0 (1600 = 100 ms at 16 kHz)
     */
    public TimeShift(int maxShiftSamples) {
        if (maxShiftSamples < 0) {
            throw new IllegalArgumentException("maxShiftSamples must be >= 0, was " + maxShiftSamples);
        }
        this.maxShift = maxShiftSamples;
    }

    /**
     * A shift of at most {@code millis} milliseconds.
     *
     * @param millis     largest shift in ms (100 in TensorFlow's speech_commands)
     * @param sampleRate sample rate in Hz
     * @return the augmentation with maxShift = round(millis * sampleRate / 1000)
     */
    public static TimeShift ofMillis(double millis, int sampleRate) {
        return new TimeShift((int) Math.round(millis * sampleRate / 1000.0));
    }

    /**
     * Largest shift.
     *
     * @return maxShift in samples
     */
    public int maxShiftSamples() {
        return maxShift;
    }

    /**
     * Shifts by a random amount.
     *
     * @param in  input samples
     * @param out destination of the same length (may be {@code in} itself)
     * @param rng random source (one draw)
     * @return the shift applied, in samples
     */
    public int apply(float[] in, float[] out, RandomGenerator rng) {
        int shift = maxShift == 0 ? 0 : rng.nextInt(-maxShift, maxShift + 1);
        shift(in, out, shift);
        return shift;
    }

    /**
     * Shifts by a given amount: out[i] = in[i - shift], zero where in[i - shift] does not exist.
     *
     * @param in    input samples
     * @param out   destination of the same length (may be {@code in} itself)
     * @param shift samples to delay by (negative advances)
     */
    public static void shift(float[] in, float[] out, int shift) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        if (in.length != out.length) {
            throw new IllegalArgumentException("in and out lengths differ: " + in.length + " vs " + out.length);
        }
        int n = in.length;
        if (Math.abs((long) shift) >= n) {
            java.util.Arrays.fill(out, 0f);
        } else if (shift >= 0) {
            System.arraycopy(in, 0, out, shift, n - shift); // arraycopy handles in == out overlap
            java.util.Arrays.fill(out, 0, shift, 0f);
        } else {
            System.arraycopy(in, -shift, out, 0, n + shift);
            java.util.Arrays.fill(out, n + shift, n, 0f);
        }
    }
}
