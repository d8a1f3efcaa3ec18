package org.convkit.text.cnn;

import java.util.Locale;

/**
 * How much each class counts in the training loss.
 */
public enum ClassWeighting {
    /** Every example counts once (Kim 2014). */
    NONE,
    /**
     * Class c weighs {@code n / (k * n_c)} for n training examples in k classes, n_c of them in c
     * (the "balanced" rule of King and Zeng 2001 that scikit-learn uses), so each class contributes
     * equally to the loss. For skewed topic or spam data, where plain cross-entropy lets the network
     * settle on the majority class, this trades a little accuracy for minority-class recall.
     */
    BALANCED;

    /**
     * Parses {@code none} or {@code balanced}.
     *
     * @param name the name, any case
     * @return the weighting
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ClassWeighting parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "balanced" -> BALANCED;
            default -> throw new IllegalArgumentException("class weighting must be none or balanced, got \"" + name + "\"");
        };
    }

    /**
     * The per-class loss weights for the given class counts, or null for {@link #NONE}.
     *
     * @param counts training examples per class
     * @return the weights, in class order; a class without examples gets weight 0
     */
    double[] weights(int[] counts) {
        if (this == NONE) return null;
        long n = 0;
        int present = 0;
        for (int c : counts) {
            n += c;
            if (c > 0) present++;
        }
        double[] w = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            w[i] = counts[i] == 0 ? 0 : (double) n / ((double) present * counts[i]);
        }
        return w;
    }
}
