package org.convkit.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.convkit.nn.Model;

/**
 * A projection applied to a model's parameters after every optimiser step (for example
 * {@link MaxNorm}). Settings records that Jackson writes and reads.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = MaxNorm.class, name = "maxNorm")})
public interface Constraint {

    /**
     * Projects the parameters of {@code model} in place.
     *
     * @throws IllegalArgumentException if the constraint names a parameter the model lacks
     */
    void apply(Model model);
}
