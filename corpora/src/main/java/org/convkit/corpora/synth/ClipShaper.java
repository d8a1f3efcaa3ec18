package org.convkit.corpora.synth;

import java.util.SplittableRandom;

/**
 * Turns a synthesised word into a Speech Commands clip: finds the spoken part by frame energy, places
 * it in a window of exactly one second centred with a small random offset, scales it to a random peak
 * level and adds a faint noise floor so that silence is never digital zero.
 */
final class ClipShaper {

    /** Frame length for the energy detector: 10 ms at 16 kHz. */
    static final int FRAME = 160;
    /** Frames quieter than this, relative to the loudest frame, count as silence. */
    static final double SILENCE_DB = -40;

    private final int clipSamples;
    private final int maxOffset;
    private final double peakDbMin;
    private final double peakDbMax;
    private final double noiseFloorDbfs;

    /** The result of shaping one word. */
    record Shaped(float[] samples, int speechSamples, boolean truncated) {
    }

    ClipShaper(int clipSamples, int maxOffsetSamples, double peakDbMin, double peakDbMax, double noiseFloorDbfs) {
        this.clipSamples = clipSamples;
        this.maxOffset = maxOffsetSamples;
        this.peakDbMin = peakDbMin;
        this.peakDbMax = peakDbMax;
        this.noiseFloorDbfs = noiseFloorDbfs;
    }

    /**
     * The first and one-past-last sample of the spoken part: from the first to the last 10 ms frame
     * whose RMS is within 40 dB of the loudest frame.
     *
     * @param audio samples
     * @return {start, end}, or null if the audio is silent
     */
    static int[] speechBounds(float[] audio) {
        int frames = (audio.length + FRAME - 1) / FRAME;
        double[] rms = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            int end = Math.min(audio.length, (f + 1) * FRAME);
            for (int i = f * FRAME; i < end; i++) {
                sum += audio[i] * (double) audio[i];
            }
            rms[f] = Math.sqrt(sum / (end - f * FRAME));
            max = Math.max(max, rms[f]);
        }
        if (max < 1e-6) {
            return null;
        }
        double threshold = max * Math.pow(10, SILENCE_DB / 20);
        int first = 0;
        while (rms[first] < threshold) {
            first++;
        }
        int last = frames - 1;
        while (rms[last] < threshold) {
            last--;
        }
        return new int[] {first * FRAME, Math.min(audio.length, (last + 1) * FRAME)};
    }

    /**
     * Shapes one word.
     *
     * @param audio  the synthesised word at the clip's sample rate
     * @param random decides the offset, the level and the noise floor
     * @return the clip of exactly {@code clipSamples} samples, or null if the audio is silent
     */
    Shaped shape(float[] audio, SplittableRandom random) {
        int[] bounds = speechBounds(audio);
        if (bounds == null) {
            return null;
        }
        int start = bounds[0];
        int length = bounds[1] - bounds[0];
        boolean truncated = false;
        if (length > clipSamples) {
            start += (length - clipSamples) / 2;
            length = clipSamples;
            truncated = true;
        }
        int slack = clipSamples - length;
        int offset = slack / 2;
        if (maxOffset > 0) {
            offset += random.nextInt(-maxOffset, maxOffset + 1);
        }
        offset = Math.max(0, Math.min(slack, offset));
        float peak = 0;
        for (int i = 0; i < length; i++) {
            peak = Math.max(peak, Math.abs(audio[start + i]));
        }
        double level = peakDbMin + (peakDbMax - peakDbMin) * random.nextDouble();
        double gain = Math.pow(10, level / 20) / peak;
        float[] clip = new float[clipSamples];
        for (int i = 0; i < length; i++) {
            clip[offset + i] = (float) (audio[start + i] * gain);
        }
        if (noiseFloorDbfs > -120) {
            double sigma = Math.pow(10, noiseFloorDbfs / 20);
            for (int i = 0; i < clipSamples; i++) {
                clip[i] += (float) (sigma * random.nextGaussian());
            }
        }
        return new Shaped(clip, length, truncated);
    }
}
