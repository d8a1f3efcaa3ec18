package org.convkit.nn;

/**
 * Zero padding around the height (time) and width (frequency / embedding) axes.
 * {@code SAME} pads so that {@code out = ceil(in / stride)}, splitting the total as TensorFlow
 * does (the extra pixel, if any, at the bottom/right); {@code VALID} pads nothing; {@code EXPLICIT}
 * uses the four given amounts.
 */
public record Padding(Mode mode, int top, int bottom, int left, int right) {

    /** How the padding amounts are decided. */
    public enum Mode { VALID, SAME, EXPLICIT }

    public Padding {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + top + "," + bottom + "," + left + "," + right);
        }
        if (mode != Mode.EXPLICIT && (top | bottom | left | right) != 0) {
            throw new IllegalArgumentException(mode + " padding takes no explicit amounts");
        }
    }

    /** No padding. */
    public static Padding valid() {
        return new Padding(Mode.VALID, 0, 0, 0, 0);
    }

    /** Output size {@code ceil(in/stride)}. */
    public static Padding same() {
        return new Padding(Mode.SAME, 0, 0, 0, 0);
    }

    /** {@code p} on every side. */
    public static Padding of(int p) {
        return new Padding(Mode.EXPLICIT, p, p, p, p);
    }

    /** {@code h} above and below, {@code w} left and right. */
    public static Padding of(int h, int w) {
        return new Padding(Mode.EXPLICIT, h, h, w, w);
    }

    /** Each side given. */
    public static Padding of(int top, int bottom, int left, int right) {
        return new Padding(Mode.EXPLICIT, top, bottom, left, right);
    }

    /** The amounts {top, bottom, left, right} for this input size, kernel, stride and dilation. */
    public int[] resolve(int inH, int inW, int kh, int kw, int sh, int sw, int dh, int dw) {
        return switch (mode) {
            case VALID -> new int[]{0, 0, 0, 0};
            case EXPLICIT -> new int[]{top, bottom, left, right};
            case SAME -> {
                int th = sameTotal(inH, kh, sh, dh), tw = sameTotal(inW, kw, sw, dw);
                yield new int[]{th / 2, th - th / 2, tw / 2, tw - tw / 2};
            }
        };
    }

    private static int sameTotal(int in, int k, int s, int d) {
        int out = (in + s - 1) / s;
        return Math.max(0, (out - 1) * s + (k - 1) * d + 1 - in);
    }
}
