package org.convkit.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The settings of an optimiser: an immutable record that Jackson writes and reads, and that
 * {@link #create()} turns into a running {@link Optimizer} with fresh state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = SgdSettings.class, name = "sgd"),
        @JsonSubTypes.Type(value = AdamSettings.class, name = "adam"),
        @JsonSubTypes.Type(value = AdadeltaSettings.class, name = "adadelta")})
public sealed interface OptimizerSettings permits SgdSettings, AdamSettings, AdadeltaSettings {

    /** The base learning rate. */
    double learningRate();

    /** A new optimiser with these settings and no state. */
    Optimizer create();
}
