package org.convkit.audio.kws;

import java.util.List;
import java.util.Optional;

/**
 * Parameter and multiply counts the source papers print for the zoo's models, to put beside the
 * counts convkit measures ({@code Model.trainableParameterCount()} and {@code Model.macs()}).
 * Figures carry the paper's own input size and counting convention, given in {@code note}.
 *
 * @param model      zoo name
 * @param parameters the paper's parameter count (0 when the paper gives none)
 * @param multiplies the paper's multiply (or operation) count (0 when none)
 * @param source     paper and table
 * @param note       input size and what was counted
 */
public record PublishedFigures(String model, long parameters, long multiplies, String source, String note) {

    /** The figures, one entry per zoo model. */
    public static final List<PublishedFigures> ALL = List.of(
            new PublishedFigures("cnn-trad-pool2", 0, 0, "Honk (Tang and Lin 2017) configuration",
                    "Honk's variant of Sainath and Parada's cnn-trad; no paper prints its size"),
            new PublishedFigures("cnn-one-fstride4", 47_600, 428_500, "Sainath and Parada 2015, Table 5",
                    "32 x 40 input (23 left + 8 right frames); counts the convolution layer only"),
            new PublishedFigures("res8", 110_000, 30_000_000, "Tang and Lin 2018, Table 1", "101 x 40 MFCC input"),
            new PublishedFigures("res8-narrow", 19_900, 5_650_000, "Tang and Lin 2018, Table 1", "101 x 40 MFCC input"),
            new PublishedFigures("res15", 238_000, 894_000_000, "Tang and Lin 2018, Table 1", "101 x 40 MFCC input"),
            new PublishedFigures("ds-cnn-s", 0, 5_400_000, "Zhang et al. 2017 (Hello Edge), DS-CNN small",
                    "49 x 10 MFCC input (40 ms window, 20 ms hop); operations = 2 x multiply-adds; "
                            + "the paper gives memory (38.6 KB of 8-bit weights and activations), not parameters"));

    /**
     * The figures of one model.
     *
     * @param model zoo name
     * @return the figures, if the zoo has the model
     */
    public static Optional<PublishedFigures> of(String model) {
        return ALL.stream().filter(f -> f.model.equals(model)).findFirst();
    }
}
