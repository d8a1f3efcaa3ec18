package org.convkit.corpora.text;

import java.util.List;
import java.util.Objects;

/**
 * One attribute declared in an ARFF header.
 *
 * @param name   the attribute name
 * @param type   its type
 * @param values the declared values of a nominal attribute in declaration order; empty for other types
 */
public record ArffAttribute(String name, Type type, List<String> values) {

    /** The attribute types of Weka's ARFF format (relational attributes are not supported). */
    public enum Type {
        /** {@code numeric}, {@code real} or {@code integer}. */
        NUMERIC,
        /** {@code string}: free text. */
        STRING,
        /** {@code {a, b, ...}}: one of the listed values. */
        NOMINAL,
        /** {@code date [format]}: kept as written. */
        DATE
    }

    /** Copies the values. */
    public ArffAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
    }
}
